package io.kogu.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The three services running as child processes of this JVM, each on its own database, trusting one token
 * issuer. Used by {@code ./kogu up} and by the cross-service tests.
 */
public final class KoguStack implements AutoCloseable {

    /**
     * Where to find the built services, and what they share; {@code environment} adds to (or overrides) what every
     * service process of the stack gets, e.g. a test's own {@code QUARKUS_HTTP_CORS_ORIGINS}.
     */
    public record Settings(Path home, Database database, Map<KoguService, String> databaseNames,
            Map<KoguService, Integer> ports, Path publicKeyFile, String issuer, Path logDirectory,
            Map<String, String> environment) {

        public Settings {
            environment = Map.copyOf(environment);
        }

        public Settings(Path home, Database database, Map<KoguService, String> databaseNames,
                Map<KoguService, Integer> ports, Path publicKeyFile, String issuer, Path logDirectory) {
            this(home, database, databaseNames, ports, publicKeyFile, issuer, logDirectory, Map.of());
        }
    }

    /** The origins ./kogu up lets browsers call the services from (QUARKUS_HTTP_CORS_ORIGINS overrides it). */
    public static final String DEVELOPMENT_ORIGINS = "http://localhost:5173,http://localhost:3000";

    // Three JVMs starting at once on a busy two-core machine take minutes; a healthy start takes seconds.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    /**
     * How long the services get, all at once, to end after SIGTERM before they are killed. A service ends within
     * a few seconds even with a request running (quarkus.shutdown.timeout and quarkus.thread-pool.shutdown-* in
     * platform); with the database's own stop, {@code kill -TERM} of {@code ./kogu up} ends everything in 10 s.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(7);

    private final Settings settings;
    private final Map<KoguService, Process> processes = new EnumMap<>(KoguService.class);
    private final Map<KoguService, Integer> managementPorts = new EnumMap<>(KoguService.class);
    private final List<Replica> replicas = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private KoguStack(Settings settings) {
        this.settings = settings;
    }

    /** Creates the databases, starts every service and waits until all are ready. */
    public static KoguStack start(Settings settings) {
        KoguStack stack = new KoguStack(settings);
        try {
            for (KoguService service : KoguService.values()) {
                settings.database().ensureDatabase(settings.databaseNames().get(service));
            }
            for (KoguService service : KoguService.values()) {
                stack.launch(service);
            }
            for (KoguService service : KoguService.values()) {
                stack.awaitReady(service);
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public URI url(KoguService service) {
        return URI.create("http://localhost:" + settings.ports().get(service));
    }

    /** Where a service answers health checks and metrics (its management interface, on a port of its own). */
    public URI managementUrl(KoguService service) {
        return URI.create("http://localhost:" + managementPorts.get(service));
    }

    /** The operating-system process of a running service. */
    public Optional<Process> process(KoguService service) {
        return Optional.ofNullable(processes.get(service));
    }

    /** The quarkus-app jar a service runs from. */
    public static Path runnerOf(Path home, KoguService service) {
        return home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts a service that was stopped again, and waits until it is ready. */
    public void start(KoguService service) {
        if (!processes.containsKey(service)) {
            launch(service);
            awaitReady(service);
        }
    }

    /** Stops one service (to see how the others cope) and waits until it is gone. */
    public void stop(KoguService service) {
        Process process = processes.remove(service);
        if (process != null) {
            terminate(process);
        }
    }

    /**
     * Starts one more process of {@code service} on a free port, as a replica beside this stack's own: the same
     * keys and the same other services, the database and settings ({@code environment}, e.g.
     * {@code KOGU_PUBLISHER_LEASE}) given here. Waits until it is ready; the stack stops it when it closes.
     */
    public Replica replica(KoguService service, String databaseName, Map<String, String> environment, String name) {
        Replica replica = unstartedReplica(service, databaseName, environment, name);
        replica.start();
        return replica;
    }

    /**
     * A replica with its ports chosen but not started yet: for replicas that must be told each other's URLs (a
     * content-service and an audience-service of their own that call each other) — see {@link Replica#set}.
     */
    public Replica unstartedReplica(KoguService service, String databaseName, Map<String, String> environment,
            String name) {
        settings.database().ensureDatabase(databaseName);
        Replica replica = new Replica(service, databaseName, environment, name, freePort(), freePort());
        synchronized (this) {
            replicas.add(replica);
        }
        return replica;
    }

    /** A service process started by {@link #replica}: killed and started again by the tests that need it. */
    public final class Replica {

        private final KoguService service;
        private final String databaseName;
        private final Map<String, String> environment;
        private final String name;
        private final int port;
        private final int managementPort;
        private volatile Process process;

        private Replica(KoguService service, String databaseName, Map<String, String> environment, String name,
                int port, int managementPort) {
            this.service = service;
            this.databaseName = databaseName;
            this.environment = new ConcurrentHashMap<>(environment);
            this.name = name;
            this.port = port;
            this.managementPort = managementPort;
        }

        public URI url() {
            return URI.create("http://localhost:" + port);
        }

        /** Adds to (or overrides) the replica's environment; it takes effect at the next {@link #start}. */
        public Replica set(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public URI managementUrl() {
            return URI.create("http://localhost:" + managementPort);
        }

        /** Starts the process (again, after {@link #kill} or {@link #stop}) and waits until it is ready. */
        public void start() {
            if (process != null && process.isAlive()) {
                return;
            }
            process = launch(service, port, managementPort, databaseName, environment, name);
            awaitReady(managementUrl(), () -> process, name);
        }

        /** Ends the process at once with SIGKILL, as a crashed machine or an OOM kill would: nothing runs after it. */
        public void kill() {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
                try {
                    running.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Asks the process to end (SIGTERM) and waits for it, as Kubernetes does. */
        public void stop() {
            Process running = process;
            if (running != null) {
                terminate(running);
            }
        }
    }

    @Override
    public void close() {
        List<Process> running = new ArrayList<>(processes.values());
        synchronized (this) {
            replicas.stream().map(r -> r.process).filter(p -> p != null && p.isAlive()).forEach(running::add);
            replicas.clear();
        }
        processes.clear();
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        running.forEach(process -> awaitOrKill(process, deadline));
    }

    private void launch(KoguService service) {
        int managementPort = managementPorts.computeIfAbsent(service, s -> freePort());
        processes.put(service, launch(service, settings.ports().get(service), managementPort,
                settings.databaseNames().get(service), Map.of(), service.module()));
    }

    /**
     * Starts one service process; the stack's {@link Settings#environment()}, then {@code environment}, add to (or
     * override) what every Kogu process gets.
     */
    private Process launch(KoguService service, int port, int managementPort, String databaseName,
            Map<String, String> environment, String logName) {
        Path runner = runnerOf(settings.home(), service);
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing: build first (./mvnw package -DskipTests)");
        }
        try {
            Files.createDirectories(settings.logDirectory());
            Path log = settings.logDirectory().resolve(logName + ".log");
            ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-jar", runner.toString())
                    .directory(settings.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.database().jdbcUrl(databaseName));
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", settings.publicKeyFile().toAbsolutePath().toString());
            env.put("MP_JWT_VERIFY_ISSUER", settings.issuer());
            env.put("KOGU_AUDIENCE_URL", url(KoguService.AUDIENCE).toString());
            env.put("KOGU_METRICS_URL", url(KoguService.METRICS).toString());
            env.put("KOGU_CONTENT_URL", url(KoguService.CONTENT).toString());
            // The services' own key pair (service tokens), beside the user issuer's key: every service verifies
            // with the public key and may sign its background calls with the private one.
            SigningKey serviceKey = SigningKey.servicesIn(settings.publicKeyFile().toAbsolutePath().getParent());
            env.put("KOGU_SERVICE_TOKENS_PUBLIC_KEY_LOCATION", serviceKey.publicKeyFile().toString());
            env.put("KOGU_SERVICE_TOKENS_PRIVATE_KEY_LOCATION", serviceKey.privateKeyFile().toString());
            env.put("KOGU_IDEMPOTENCY_HMAC_KEY", DevSecret.inFolder(serviceKey.publicKeyFile().getParent(),
                    DevSecret.IDEMPOTENCY_HMAC_FILE));
            // Outbound webhooks: the key that encrypts the endpoints' signing secrets (kept across runs, like the above).
            env.put("KOGU_WEBHOOKS_SECRET_KEY", DevSecret.inFolder(serviceKey.publicKeyFile().getParent(),
                    DevSecret.WEBHOOKS_SECRET_KEY_FILE));
            // A local run: content-service may seal channel credentials with its public development key.
            env.put("KOGU_CONTENT_CREDENTIALS_ALLOW_DEVELOPMENT_KEY", "true");
            // Local receivers (a webhook receiver on this machine, a Bluesky dev-env PDS) are loopback addresses.
            env.put("KOGU_OUTBOUND_ALLOW_LOOPBACK", "true");
            // Browsers: the usual development servers of a frontend (Vite, and Next.js or Create React App) may
            // call the services; an origin list of the caller's own environment wins.
            env.putIfAbsent("QUARKUS_HTTP_CORS_ORIGINS", DEVELOPMENT_ORIGINS);
            // Scheduled reports (metrics-service): e-mails are logged, not sent, unless the caller's environment sets
            // QUARKUS_MAILER_MOCK=false and an SMTP relay (QUARKUS_MAILER_HOST …); report links point here.
            env.putIfAbsent("QUARKUS_MAILER_MOCK", "true");
            env.putIfAbsent("KOGU_REPORTS_BASE_URL", url(KoguService.METRICS).toString());
            // Logs a person reads (.kogu/logs/): plain text with request id, workspace and trace id, not the prod
            // profile's JSON; spans are not exported (no collector here). The caller's own settings win
            // (docs/observability.md).
            env.putIfAbsent("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            env.putIfAbsent("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0");
            env.putAll(settings.environment());
            env.putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.module(), e);
        }
    }

    private void awaitReady(KoguService service) {
        awaitReady(managementUrl(service), () -> processes.get(service), service.module());
    }

    private void awaitReady(URI managementUrl, java.util.function.Supplier<Process> current, String logName) {
        URI ready = managementUrl.resolve("/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process process = current.get();
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(logName + " stopped while starting; see "
                        + settings.logDirectory().resolve(logName + ".log"));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + logName, e);
            }
            pause();
        }
        throw new IllegalStateException(logName + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; see " + settings.logDirectory().resolve(logName + ".log"));
    }

    private static void terminate(Process process) {
        process.destroy();
        awaitOrKill(process, System.nanoTime() + STOP_TIMEOUT.toNanos());
    }

    /** Waits for a process told to end until {@code deadline} (System.nanoTime), then kills it. */
    private static void awaitOrKill(Process process, long deadline) {
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for a management interface", e);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
