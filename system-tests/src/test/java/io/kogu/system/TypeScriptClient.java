package io.kogu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.devkit.NpmCache;
import io.kogu.devkit.TestNeeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The TypeScript client of {@code clients/typescript}, made ready once per test JVM in
 * {@code system-tests/target/typescript-client}: its npm packages from {@link NpmCache} (installed once per machine
 * into {@code ~/.cache/kogu/typescript-client/<hash of the lockfiles>}, or {@code $KOGU_TYPESCRIPT_CLIENT_CACHE}),
 * its types generated from the contract's documents by openapi-typescript, everything compiled by {@code tsc} in
 * strict mode (a type error fails before anything runs). Then its scripts run with {@link #run}.
 *
 * <p>Without node and npm (Node.js 20 or later) the tests are skipped with a message saying what to install; with
 * {@code CI} set they fail instead.
 */
final class TypeScriptClient {

    /** What a script printed and how it ended. */
    record Run(int exitCode, String output) {

        /** The JSON after {@code prefix} on the line that starts with it (the script's report), or a failed assertion. */
        JsonNode report(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix + " ")).reduce((first, last) -> last)
                    .map(line -> {
                        try {
                            return JSON.readTree(line.substring(prefix.length() + 1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .orElseThrow(() -> new AssertionError("no " + prefix + " line in the output:\n" + output));
        }
    }

    static final Path SOURCE = RunningStack.HOME.resolve("clients/typescript");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TypeScriptClient ready;
    private static RuntimeException failed;

    private final Path work;

    private TypeScriptClient(Path work) {
        this.work = work;
    }

    /** The compiled client (made at the first call), or the test is skipped / fails as the class says. */
    static synchronized TypeScriptClient get() {
        if (ready != null) {
            return ready;
        }
        if (failed != null) {
            throw failed;
        }
        require(NpmCache.missing("node", "npm").isEmpty(), "the TypeScript client's tests need node and npm (Node.js 20 "
                + "or later, e.g. Debian's nodejs and npm); they install openapi-typescript, openapi-fetch, typescript and "
                + "playwright-core from the npm registry themselves");
        try {
            ready = prepare();
            return ready;
        } catch (IOException e) {
            failed = new UncheckedIOException("the TypeScript client could not be made ready: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = new IllegalStateException(e);
        }
        throw failed;
    }

    /** Goes on when {@code present}; otherwise skips the test saying {@code what}, or fails it when {@code CI} is set. */
    static void require(boolean present, String what) {
        TestNeeds.require(present, "typescript-client", what);
    }

    /** The folder the page and the compiled scripts are in (web/, dist/, node_modules/). */
    Path work() {
        return work;
    }

    /** Runs {@code node dist/<script>.js args…} with {@code environment} added; at most {@code timeout}. */
    Run run(String script, List<String> args, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(NpmCache.onPath("node").toString(), "dist/" + script + ".js"));
        command.addAll(args);
        try {
            Path log = Files.createTempFile(work, script, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("node dist/" + script + ".js ran for more than " + timeout + ":\n"
                        + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TypeScriptClient prepare() throws IOException, InterruptedException {
        NpmCache cache = NpmCache.of("typescript-client", "KOGU_TYPESCRIPT_CLIENT_CACHE",
                SOURCE.resolve("package.json"), SOURCE.resolve("package-lock.json"));
        if (!cache.isInstalled()) {
            System.out.println("[typescript-client] installing its npm packages into " + cache.folder()
                    + " (once per machine)");
        }
        // No install scripts: nothing may download a browser of its own (Chromium is the machine's).
        Path packages = cache.install(into -> NpmCache.npmCi(SOURCE, into, true, Map.of(), "install.log"));

        Path work = RunningStack.HOME.resolve("system-tests/target/typescript-client");
        deleteTree(work);
        Files.createDirectories(work);
        for (String file : List.of("package.json", "tsconfig.json")) {
            Files.copy(SOURCE.resolve(file), work.resolve(file));
        }
        for (String folder : List.of("src", "web", "scripts")) {
            copyTree(SOURCE.resolve(folder), work.resolve(folder));
        }
        Files.createSymbolicLink(work.resolve("node_modules"), packages.resolve("node_modules"));

        String node = NpmCache.onPath("node").toString();
        NpmCache.run(List.of(node, "scripts/generate.mjs", RunningStack.HOME.resolve("contract/openapi").toString(),
                "src/generated"), work, Map.of(), work.resolve("generate.log"), Duration.ofMinutes(3));
        Path tscLog = work.resolve("tsc.log");
        try {
            NpmCache.run(List.of(node, "node_modules/typescript/bin/tsc", "-p", "."), work, Map.of(), tscLog,
                    Duration.ofMinutes(5));
        } catch (IOException typeErrors) {
            throw new IOException("tsc found type errors in the client against the contract:\n"
                    + Files.readString(tscLog), typeErrors);
        }
        return new TypeScriptClient(work);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path each : walk.toList()) {
                Path relative = from.relativize(each);
                if (relative.startsWith("generated")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(each)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(each, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow the node_modules symlink: only the link itself is deleted.
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
