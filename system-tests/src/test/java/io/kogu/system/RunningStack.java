package io.kogu.system;

import io.kogu.devkit.DevTokens;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.KoguStack;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestEnvironment;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The three packaged services on free ports and the test run's PostgreSQL, as {@code ./kogu up} runs them:
 * started once for the whole module by {@link Shared} and stopped when the test run ends. Tests keep to
 * workspaces of their own, and a test that stops a service starts it again ({@link #without}).
 */
final class RunningStack implements AutoCloseable {

    /** Gives a test class's {@code @BeforeAll} method the stack, started on first use. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store closes what it holds (AutoCloseable) when the whole test run is over.
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningStack.class))
                    .computeIfAbsent(RunningStack.class, key -> start(), RunningStack.class);
        }
    }

    static final Path HOME = Path.of(System.getProperty("kogu.home", "..")).toAbsolutePath().normalize();

    private final KoguStack stack;
    private final int spareOriginPort;

    private RunningStack(KoguStack stack, int spareOriginPort) {
        this.stack = stack;
        this.spareOriginPort = spareOriginPort;
    }

    static RunningStack start() {
        Map<KoguService, Integer> ports = new EnumMap<>(KoguService.class);
        Map<KoguService, String> databases = new EnumMap<>(KoguService.class);
        for (KoguService service : KoguService.values()) {
            ports.put(service, freePort());
            databases.put(service, TestEnvironment.databaseName("kogu_system_" + service.name().toLowerCase()));
        }
        // Browsers: ./kogu up's origins, and one more on a free port for a browser test's page when 5173 is taken.
        int spareOriginPort = freePort();
        KoguStack stack = KoguStack.start(new KoguStack.Settings(HOME, TestEnvironment.database(), databases, ports,
                TestEnvironment.signingKey().publicKeyFile(), DevTokens.ISSUER,
                HOME.resolve("system-tests/target/service-logs"), Map.of("QUARKUS_HTTP_CORS_ORIGINS",
                KoguStack.DEVELOPMENT_ORIGINS + ",http://localhost:" + spareOriginPort)));
        return new RunningStack(stack, spareOriginPort);
    }

    /** Where a service answers, e.g. {@code http://localhost:41234}. */
    URI url(KoguService service) {
        return stack.url(service);
    }

    /**
     * A port whose origin ({@code http://localhost:<port>}) the services allow besides {@code ./kogu up}'s
     * {@link KoguStack#DEVELOPMENT_ORIGINS}, for a test's page when another process holds port 5173.
     */
    int spareOriginPort() {
        return spareOriginPort;
    }

    /** Requests to one service, validated against its contract document. */
    RequestSpecification call(KoguService service, String token) {
        Contract contract = Contract.ofDocument(HOME.resolve("contract/openapi/" + service.module() + ".yaml"));
        return new RequestSpecBuilder().setBaseUri(stack.url(service).toString()).setContentType(ContentType.JSON)
                .addFilter(contract.full()).addHeader("Authorization", "Bearer " + token).build();
    }

    /** Requests to a replica of {@code service} at {@code url}, validated against the service's contract document. */
    RequestSpecification call(java.net.URI url, KoguService service, String token) {
        Contract contract = Contract.ofDocument(HOME.resolve("contract/openapi/" + service.module() + ".yaml"));
        return new RequestSpecBuilder().setBaseUri(url.toString()).setContentType(ContentType.JSON)
                .addFilter(contract.full()).addHeader("Authorization", "Bearer " + token).build();
    }

    /** One more process of {@code service} beside the stack's own, on the database and settings given here. */
    KoguStack.Replica replica(KoguService service, String databaseName, Map<String, String> environment, String name) {
        return stack.replica(service, databaseName, environment, name);
    }

    /** A replica not started yet, for replicas that must be told each other's URLs ({@link KoguStack.Replica#set}). */
    KoguStack.Replica unstartedReplica(KoguService service, String databaseName, Map<String, String> environment,
            String name) {
        return stack.unstartedReplica(service, databaseName, environment, name);
    }

    /** Runs {@code check} while {@code service} is stopped, and starts the service again afterwards. */
    void without(KoguService service, Runnable check) {
        stack.stop(service);
        try {
            check.run();
        } finally {
            stack.start(service);
        }
    }

    @Override
    public void close() {
        stack.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
