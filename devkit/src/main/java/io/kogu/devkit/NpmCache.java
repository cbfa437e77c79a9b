package io.kogu.devkit;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * npm packages that the build's tests use (Spectral, the reference Bluesky server, the TypeScript client and
 * Playwright), pinned by lockfiles committed in the repository and installed once per machine into
 * {@code ~/.cache/kogu/<name>/<hash of the lockfiles>} (or the folder an environment variable names), never per
 * test run: a changed lockfile is a new folder, an unchanged one is found installed.
 *
 * <p>One installer per machine at a time: a file lock beside the folder makes other JVMs wait, then find it
 * installed. The installation happens in a temporary folder that is moved into place with a marker file only when
 * every step succeeded, so a half-done install is never used.
 */
public final class NpmCache {

    /** The steps that fill a fresh folder, e.g. {@link #npmCi}. */
    @FunctionalInterface
    public interface Installer {
        void installInto(Path work) throws IOException, InterruptedException;
    }

    private static final String MARKER = ".installed";

    private final Path cache;
    private final Path target;

    private NpmCache(Path cache, Path target) {
        this.cache = cache;
        this.target = target;
    }

    /**
     * The cache entry of {@code name} for these lockfiles (their contents, in this order, make the key), under
     * {@code $variable} when that is set, else {@code ~/.cache/kogu/<name>}.
     */
    public static NpmCache of(String name, String variable, Path... lockfiles) throws IOException {
        String configured = System.getenv(variable);
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "kogu", name);
        return new NpmCache(cache, cache.resolve(hash(lockfiles)));
    }

    /** Where the packages are (or will be) installed. */
    public Path folder() {
        return target;
    }

    public boolean isInstalled() {
        return Files.exists(target.resolve(MARKER));
    }

    /** Installs with {@code installer} unless installed already (by this or another JVM); returns {@link #folder()}. */
    public Path install(Installer installer) throws IOException, InterruptedException {
        if (isInstalled()) {
            return target;
        }
        Files.createDirectories(cache);
        try (FileChannel lockFile = FileChannel.open(cache.resolve(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (isInstalled()) {
                return target;
            }
            Path work = Files.createTempDirectory(cache, target.getFileName() + ".installing-");
            try {
                installer.installInto(work);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // Left for its logs; a folder without the marker is never used.
                System.err.println("[npm-cache] installing into " + work + " failed: " + e.getMessage());
                throw e;
            }
            Files.writeString(work.resolve(MARKER), "");
            deleteTree(target);
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    /**
     * Copies {@code package.json} and {@code package-lock.json} from {@code source} into {@code work} and runs
     * {@code npm ci} there (no audit, no funding notices; {@code ignoreScripts} for packages that need no install
     * script, so nothing downloads a binary of its own). Output goes to {@code work/<log>}.
     */
    public static void npmCi(Path source, Path work, boolean ignoreScripts, Map<String, String> environment, String log)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.copy(source.resolve("package.json"), work.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(source.resolve("package-lock.json"), work.resolve("package-lock.json"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(Objects.requireNonNull(onPath("npm"), "npm is not on the PATH")
                .toString(), "ci", "--no-audit", "--no-fund"));
        if (ignoreScripts) {
            command.add("--ignore-scripts");
        }
        run(command, work, environment, work.resolve(log), Duration.ofMinutes(40));
    }

    /** Runs a command to its end, its output in {@code log}; fails (naming the log) on a non-zero exit or timeout. */
    public static void run(List<String> command, Path directory, Map<String, String> environment, Path log,
            Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " in " + directory + " took more than " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " in " + directory + " failed (exit "
                    + process.exitValue() + "); its output is in " + log);
        }
    }

    /** The executable {@code command} on the PATH, or null. */
    public static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Those of {@code commands} that are not on the PATH. */
    public static List<String> missing(String... commands) {
        return Stream.of(commands).filter(command -> onPath(command) == null).toList();
    }

    private static String hash(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
