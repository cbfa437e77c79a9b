package io.kogu.system;

import io.kogu.devkit.DevTokens;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.SigningKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -TERM} of {@code ./kogu up} ends every process it started within 10 s, even while a request is
 * running that would never end by itself (it waits for a table lock held by this test). Runs the real command,
 * {@code java -jar devkit/target/devkit.jar up}, with its own embedded PostgreSQL, data folder and ports.
 */
class ShutdownTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void sigtermOfKoguUpEndsEveryProcessWithinTenSecondsWithARequestRunning() throws Exception {
        Path data = Files.createTempDirectory("kogu-shutdown-test");
        int pgPort = freePort();
        int contentPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkogu.home=" + RunningStack.HOME, "-jar", RunningStack.HOME.resolve("devkit/target/devkit.jar").toString(), "up")
                .directory(RunningStack.HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("kogu-up.log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("KOGU_DB_URL");
        env.put("KOGU_DATA_DIR", data.toString());
        env.put("KOGU_PG_PORT", Integer.toString(pgPort));
        env.put(KoguService.CONTENT.portVariable(), Integer.toString(contentPort));
        env.put(KoguService.AUDIENCE.portVariable(), Integer.toString(freePort()));
        env.put(KoguService.METRICS.portVariable(), Integer.toString(freePort()));
        Process koguUp = builder.start();
        try {
            awaitUp(koguUp, data.resolve("kogu-up.log"));
            List<ProcessHandle> children = koguUp.descendants().toList();
            assertThat(children).hasSizeGreaterThanOrEqualTo(3);

            String token = new DevTokens(SigningKey.inFolder(data.resolve("keys")).privateKey())
                    .token("shutdown-test", List.of("viewer"), Duration.ofMinutes(10));
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + pgPort + "/" + KoguService.CONTENT.database() + "?user=postgres");
                 Statement lock = db.createStatement()) {
                db.setAutoCommit(false);
                lock.execute("lock table draft in access exclusive mode");
                CompletableFuture<HttpResponse<String>> running = HttpClient.newHttpClient().sendAsync(HttpRequest
                        .newBuilder(URI.create("http://localhost:" + contentPort + "/v1/drafts"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                // The request waits for the lock, and is still waiting two seconds later.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !running.isDone());

                long start = System.nanoTime();
                koguUp.destroy(); // SIGTERM
                boolean ended = koguUp.waitFor(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                for (ProcessHandle child : children) {
                    child.onExit().get(Math.max(1, BOUND.toNanos() - (System.nanoTime() - start)),
                            java.util.concurrent.TimeUnit.NANOSECONDS);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(ended).as("./kogu up ended").isTrue();
                assertThat(children).noneMatch(ProcessHandle::isAlive);
                assertThat(took).isLessThan(BOUND);
            }
        } catch (java.sql.SQLException afterStop) {
            // Closing the lock's connection after PostgreSQL stopped is expected.
            if (koguUp.isAlive()) {
                throw afterStop;
            }
        } finally {
            koguUp.descendants().forEach(ProcessHandle::destroyForcibly);
            koguUp.destroyForcibly();
        }
    }

    private static void awaitUp(Process koguUp, Path log) throws Exception {
        await("./kogu up says it is up").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(250))
                .failFast("./kogu up ended while starting", () -> !koguUp.isAlive())
                .until(() -> Files.exists(log) && Files.readString(log).contains("Kogu is up."));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
