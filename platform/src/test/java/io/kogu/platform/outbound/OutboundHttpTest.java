package io.kogu.platform.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundHttpTest {

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"id\":\"42\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[4096]);
            exchange.close();
        });
        server.createContext("/to-file", exchange -> {
            exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static OutboundHttp client(boolean allowLoopback) {
        return new OutboundHttp(new AddressPolicy(allowLoopback, false), Duration.ofSeconds(1), Duration.ofMillis(500),
                1024, 3, 10, "test");
    }

    @Test
    void anAllowedTargetIsCalledAndItsAnswerRead() throws Exception {
        try (OutboundHttp http = client(true)) {
            OutboundResponse response = http.send(OutboundRequest.post(base.resolve("/ok")).json("{}"));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).contains("42");
            assertThat(response.header("CONTENT-TYPE")).contains("application/json");
        }
    }

    @Test
    void loopbackIsRefusedUnlessConfiguredAndNothingIsSent() throws Exception {
        try (OutboundHttp http = client(false)) {
            assertThatThrownBy(() -> http.send(OutboundRequest.get(base.resolve("/ok"))))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.failure()).isEqualTo(OutboundException.Failure.REFUSED_TARGET);
                        assertThat(e.nothingSent()).isTrue();
                    });
            assertThatThrownBy(() -> http.send(OutboundRequest.get(URI.create("http://[::1]:" + base.getPort() + "/ok"))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.failure()).isEqualTo(OutboundException.Failure.REFUSED_TARGET));
        }
    }

    @Test
    void redirectsAreCheckedAgain() throws Exception {
        try (OutboundHttp http = client(true)) {
            assertThatThrownBy(() -> http.send(OutboundRequest.get(base.resolve("/to-metadata"))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.failure()).isEqualTo(OutboundException.Failure.REFUSED_TARGET));
            assertThatThrownBy(() -> http.send(OutboundRequest.get(base.resolve("/to-file"))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.failure()).isEqualTo(OutboundException.Failure.REFUSED_TARGET));
        }
    }

    @Test
    void otherSchemesAreRefused() throws Exception {
        try (OutboundHttp http = client(true)) {
            assertThatThrownBy(() -> http.send(OutboundRequest.get(URI.create("file:///etc/passwd"))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.failure()).isEqualTo(OutboundException.Failure.REFUSED_TARGET));
        }
    }

    @Test
    void aRefusedConnectionSentNothingAndATimeoutMaySentSomething() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (OutboundHttp http = client(true)) {
            assertThatThrownBy(() -> http.send(OutboundRequest.post(URI.create("http://127.0.0.1:" + closedPort + "/")).json("{}")))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.failure()).isEqualTo(OutboundException.Failure.NOT_CONNECTED);
                        assertThat(e.nothingSent()).isTrue();
                    });
            assertThatThrownBy(() -> http.send(OutboundRequest.post(base.resolve("/slow")).json("{}")))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.failure()).isEqualTo(OutboundException.Failure.NO_ANSWER);
                        assertThat(e.nothingSent()).isFalse();
                    });
        }
    }

    @Test
    void answersAreBoundedInSize() throws Exception {
        try (OutboundHttp http = client(true)) {
            assertThatThrownBy(() -> http.send(OutboundRequest.get(base.resolve("/big"))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.failure()).isEqualTo(OutboundException.Failure.TOO_LARGE));
        }
    }

    @Test
    void publicPrivateAndForbiddenAddressesAreTold() throws Exception {
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("93.184.216.34"))).isEqualTo(AddressPolicy.Kind.PUBLIC);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("2606:4700::1111"))).isEqualTo(AddressPolicy.Kind.PUBLIC);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("10.1.2.3"))).isEqualTo(AddressPolicy.Kind.PRIVATE);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("100.64.0.1"))).isEqualTo(AddressPolicy.Kind.PRIVATE);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("fd00::1"))).isEqualTo(AddressPolicy.Kind.PRIVATE);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("169.254.169.254"))).isEqualTo(AddressPolicy.Kind.FORBIDDEN);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("0.0.0.0"))).isEqualTo(AddressPolicy.Kind.FORBIDDEN);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo(AddressPolicy.Kind.LOOPBACK);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("64:ff9b::a9fe:a9fe"))).isEqualTo(AddressPolicy.Kind.FORBIDDEN);
        assertThat(AddressPolicy.kindOf(InetAddress.getByName("fe80::1"))).isEqualTo(AddressPolicy.Kind.FORBIDDEN);
        assertThat(new AddressPolicy(false, true).allows(InetAddress.getByName("192.168.1.1"))).isTrue();
        assertThat(new AddressPolicy(true, true).allows(InetAddress.getByName("169.254.169.254"))).isFalse();
    }
}
