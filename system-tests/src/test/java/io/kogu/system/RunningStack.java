package io.kogu.system;

import io.kogu.devkit.DevTokens;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.KoguStack;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestEnvironment;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The three packaged services on free ports and the test run's PostgreSQL, as {@code ./kogu up} runs them. */
final class RunningStack implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("kogu.home", "..")).toAbsolutePath().normalize();

    private final KoguStack stack;
    /** One validator per document: parsing a contract takes longer than the call it checks. */
    private final Map<KoguService, Contract> contracts = new EnumMap<>(KoguService.class);

    private RunningStack(KoguStack stack) {
        this.stack = stack;
    }

    static RunningStack start() {
        Map<KoguService, Integer> ports = new EnumMap<>(KoguService.class);
        Map<KoguService, String> databases = new EnumMap<>(KoguService.class);
        for (KoguService service : KoguService.values()) {
            ports.put(service, freePort());
            databases.put(service, TestEnvironment.databaseName("kogu_system_" + service.name().toLowerCase()));
        }
        KoguStack stack = KoguStack.start(new KoguStack.Settings(HOME, TestEnvironment.database(), databases, ports,
                TestEnvironment.signingKey().publicKeyFile(), DevTokens.ISSUER,
                HOME.resolve("system-tests/target/service-logs")));
        return new RunningStack(stack);
    }

    /** Requests to one service, validated against its contract document. */
    RequestSpecification call(KoguService service, String token) {
        Contract contract = contracts.computeIfAbsent(service,
                s -> Contract.ofDocument(HOME.resolve("contract/openapi/" + s.module() + ".yaml")));
        return new RequestSpecBuilder().setBaseUri(stack.url(service).toString()).setContentType(ContentType.JSON)
                .addFilter(contract.full()).addHeader("Authorization", "Bearer " + token).build();
    }

    void stop(KoguService service) {
        stack.stop(service);
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
