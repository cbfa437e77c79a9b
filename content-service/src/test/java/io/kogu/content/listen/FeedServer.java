package io.kogu.content.listen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server for listening tests, on an ephemeral port: each path answers as a registered handler says,
 * so a test can serve well-formed feeds and the awkward answers real servers give (304s, redirects, gzip bombs,
 * endless bodies). Counts the requests per path.
 */
final class FeedServer implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    FeedServer(String bindAddress) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Handler handler = handlers.get(path);
            try {
                if (handler == null) {
                    send(exchange, 404, "text/plain", "no such feed".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client went away (a limit was reached): nothing to do
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    FeedServer() throws IOException {
        this("127.0.0.1");
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void on(String path, Handler handler) {
        handlers.put(path, handler);
    }

    /** A feed with an ETag: a request that names it gets 304. */
    void feed(String path, String contentType, String body) {
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
        on(path, exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
            send(exchange, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
        });
    }

    void redirect(String path, int status, String location) {
        on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
