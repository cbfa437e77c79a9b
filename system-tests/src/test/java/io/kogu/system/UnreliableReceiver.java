package io.kogu.system;

import com.standardwebhooks.Webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver that behaves like a network without idempotency on a bad day: it answers late, refuses
 * (429 and 503 with {@code Retry-After}, 400), fails (500), takes the post and then never answers, or drops the
 * connection, at random but reproducibly: what it does with a request depends only on the seed, the
 * publication ({@code webhook-id}) and how many requests for it came before. Every post it "takes" is counted
 * per publication: a count above one is a post published twice.
 *
 * <p>A plain socket server rather than an HTTP library, so that it can drop a connection mid-exchange and hold
 * one open without answering, as a broken network does.
 */
final class UnreliableReceiver implements AutoCloseable {

    /** What the receiver does with one request. */
    enum Behaviour {
        ANSWER, RATE_LIMITED, UNAVAILABLE, REFUSED, FAILED_AFTER_TAKING, FAILED_BEFORE_TAKING, TAKEN_THEN_SILENT,
        DROPPED_AFTER_TAKING, DROPPED_BEFORE_TAKING
    }

    private final long seed;
    private final String secret;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "unreliable-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final Map<Behaviour, AtomicInteger> behaviours = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final java.time.Duration silence;
    private volatile boolean open = true;

    UnreliableReceiver(long seed, String secret, java.time.Duration silence) throws IOException {
        this.seed = seed;
        this.secret = secret;
        this.silence = silence;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "unreliable-receiver-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** How many times the post of this publication was taken (published) by the receiver. */
    int postsOf(String publicationId) {
        AtomicInteger count = taken.get(publicationId);
        return count == null ? 0 : count.get();
    }

    Map<String, Integer> posts() {
        Map<String, Integer> copy = new HashMap<>();
        taken.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<Behaviour, Integer> behaviours() {
        Map<Behaviour, Integer> copy = new java.util.EnumMap<>(Behaviour.class);
        behaviours.forEach((b, count) -> copy.put(b, count.get()));
        return copy;
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** The behaviour for the {@code nth} request (0-based) of a publication: a function of the seed alone. */
    Behaviour behaviourFor(String publicationId, int nth) {
        double roll = randomFor(publicationId, nth).nextDouble();
        if (roll < 0.55) {
            return Behaviour.ANSWER;
        }
        if (roll < 0.63) {
            return Behaviour.RATE_LIMITED;
        }
        if (roll < 0.67) {
            return Behaviour.UNAVAILABLE;
        }
        if (roll < 0.71) {
            return Behaviour.REFUSED;
        }
        if (roll < 0.75) {
            return Behaviour.FAILED_AFTER_TAKING;
        }
        if (roll < 0.79) {
            return Behaviour.FAILED_BEFORE_TAKING;
        }
        if (roll < 0.89) {
            return Behaviour.TAKEN_THEN_SILENT;
        }
        if (roll < 0.95) {
            return Behaviour.DROPPED_AFTER_TAKING;
        }
        return Behaviour.DROPPED_BEFORE_TAKING;
    }

    /** SplittableRandom mixes its seed well: nearby seeds (the nth request and the next) give unrelated rolls. */
    private SplittableRandom randomFor(String publicationId, int nth) {
        return new SplittableRandom(seed ^ (publicationId.hashCode() * 0x9E3779B97F4A7C15L) ^ (nth * 0xBF58476D1CE4E5B9L));
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Request request = Request.read(socket.getInputStream());
            if (request == null) {
                return;
            }
            String id = request.headers.getOrDefault("webhook-id", "");
            try {
                new Webhook(secret).verify(request.body, Map.of(
                        "webhook-id", List.of(id),
                        "webhook-timestamp", List.of(request.headers.getOrDefault("webhook-timestamp", "")),
                        "webhook-signature", List.of(request.headers.getOrDefault("webhook-signature", ""))));
            } catch (Exception e) {
                badSignatures.incrementAndGet();
            }
            int nth = requests.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
            Behaviour behaviour = behaviourFor(id, nth);
            behaviours.computeIfAbsent(behaviour, k -> new AtomicInteger()).incrementAndGet();
            SplittableRandom random = randomFor(id, nth).split();
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case ANSWER -> {
                    pause(random.nextInt(100));
                    take(id);
                    answer(out, 201, "{\"id\":\"post-" + id + "\"}", "");
                }
                case RATE_LIMITED -> answer(out, 429, "{\"error\":\"Too many requests\"}", "Retry-After: 1\r\n");
                case UNAVAILABLE -> answer(out, 503, "{\"error\":\"Down for maintenance\"}", "Retry-After: 1\r\n");
                case REFUSED -> answer(out, 400, "{\"error\":\"Text is not allowed here\"}", "");
                case FAILED_AFTER_TAKING -> {
                    take(id);
                    answer(out, 500, "{\"error\":\"Internal error\"}", "");
                }
                case FAILED_BEFORE_TAKING -> answer(out, 502, "<html>Bad gateway</html>", "");
                case TAKEN_THEN_SILENT -> {
                    take(id);
                    pause(silence.toMillis());
                }
                case DROPPED_AFTER_TAKING -> {
                    take(id);
                    reset(socket);
                }
                case DROPPED_BEFORE_TAKING -> reset(socket);
            }
        } catch (IOException e) {
            // The publisher hung up first (its time limit): nothing to do.
        }
    }

    private void take(String id) {
        taken.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void answer(OutputStream out, int status, String body, String extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Closes with a TCP reset, as a crashed load balancer does. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        connections.shutdownNow();
    }

    /** An HTTP/1.1 request with a Content-Length body: what the publisher sends. */
    private record Request(Map<String, String> headers, String body) {

        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            List<String> lines = new ArrayList<>(List.of(head.toString(StandardCharsets.US_ASCII).split("\r\n")));
            Map<String, String> headers = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                return new Request(headers, new String(chunked(in), StandardCharsets.UTF_8));
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Request(headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    line(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                line(in);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
