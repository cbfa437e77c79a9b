package io.kogu.contract;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spectral ({@code @stoplight/spectral-cli}, pinned by {@code contract/spectral/package-lock.json}), installed once
 * per machine with {@code npm ci} into {@code ~/.cache/kogu/spectral/<hash of the lockfiles>} (or
 * {@code $KOGU_SPECTRAL_CACHE}), then run from there. Without npm the tests are skipped with a message saying
 * what to install; with {@code CI} set they fail instead.
 */
final class Spectral {

    static final Path CONTRACT = Path.of(System.getProperty("kogu.contract.home", ".")).toAbsolutePath().normalize();
    private static final Path SOURCE = CONTRACT.resolve("spectral");
    private static Path installed;

    private Spectral() {
    }

    /** The result of one run: its exit code and what it printed. */
    record Run(int exitCode, String output) {
    }

    /** Lints the documents with the ruleset; paths relative to contract/. */
    static Run lint(Path ruleset, List<Path> documents) {
        Path cli = install().resolve("node_modules/@stoplight/spectral-cli/dist/index.js");
        List<String> command = new ArrayList<>(List.of(onPath("node").toString(), cli.toString(), "lint",
                "--ruleset", ruleset.toString(), "--format", "text", "--fail-severity", "error"));
        documents.forEach(document -> command.add(document.toString()));
        try {
            Path log = Files.createTempFile("spectral", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(CONTRACT.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("spectral ran for more than 5 minutes");
                }
                return new Run(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The folder holding node_modules with Spectral, installed at the first call. */
    static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        if (onPath("npm") == null || onPath("node") == null) {
            String what = "Spectral (contract lint) needs node and npm (Node.js 18 or later, e.g. Debian's nodejs and "
                    + "npm); it installs @stoplight/spectral-cli from the npm registry itself";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(what + ": CI must have them");
            }
            System.err.println("[contract] " + what + ": skipped");
            Assumptions.abort(what + ": skipped");
        }
        try {
            Path cache = Path.of(System.getenv().getOrDefault("KOGU_SPECTRAL_CACHE",
                    Path.of(System.getProperty("user.home"), ".cache", "kogu", "spectral").toString()));
            Path target = cache.resolve(hash(SOURCE.resolve("package.json"), SOURCE.resolve("package-lock.json")));
            if (Files.isRegularFile(target.resolve("installed"))) {
                return installed = target;
            }
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(cache.resolve(target.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(target.resolve("installed"))) {
                    return installed = target;
                }
                Path work = Files.createTempDirectory(cache, target.getFileName() + ".installing-");
                Files.copy(SOURCE.resolve("package.json"), work.resolve("package.json"));
                Files.copy(SOURCE.resolve("package-lock.json"), work.resolve("package-lock.json"));
                Path log = work.resolve("install.log");
                Process npm = new ProcessBuilder(onPath("npm").toString(), "ci", "--no-audit", "--no-fund",
                        "--ignore-scripts").directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("npm ci of Spectral failed; see " + log);
                }
                Files.writeString(work.resolve("installed"), "ok\n");
                deleteRecursively(target);
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                return installed = target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String hash(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(Files.readString(file).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
