package io.kogu.platform.outbound;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one way Kogu calls an address that a user gave or that lies outside Kogu (networks' APIs, instance URLs,
 * media, feeds, webhooks). The guard: only http and https; every address is checked by {@link AddressPolicy}
 * when the connection is made (the resolver hands the client only addresses it checked, so DNS cannot answer
 * differently between check and connect), again on each redirect; answers are bounded in size and time. No
 * automatic retries and no system proxy: whether to repeat is the caller's decision, made on
 * {@link OutboundException#nothingSent()}.
 */
public class OutboundHttp implements AutoCloseable {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final CloseableHttpClient client;
    private final Duration responseTimeout;
    private final long maxResponseBytes;
    private final int maxRedirects;

    /** How names become addresses: the system's DNS, or (in tests) a stand-in that answers like DNS would. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = SystemDefaultDnsResolver.INSTANCE::resolve;
    }

    public OutboundHttp(AddressPolicy policy, Duration connectTimeout, Duration responseTimeout, long maxResponseBytes,
                        int maxRedirects, int maxConnections, String userAgent) {
        this(policy, Resolver.SYSTEM, connectTimeout, responseTimeout, maxResponseBytes, maxRedirects, maxConnections,
                userAgent);
    }

    public OutboundHttp(AddressPolicy policy, Resolver resolver, Duration connectTimeout, Duration responseTimeout,
                        long maxResponseBytes, int maxRedirects, int maxConnections, String userAgent) {
        this.responseTimeout = responseTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.maxRedirects = maxRedirects;
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(responseTimeout))
                // A pooled connection the server closed meanwhile would fail a POST after it was written:
                // check connections idle for more than a second before reuse.
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(policy, resolver))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(Math.max(2, maxConnections / 4))
                        .build())
                .setRedirectStrategy(new GuardedRedirects())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent(userAgent)
                .build();
    }

    public static OutboundHttp of(OutboundSettings settings) {
        return new OutboundHttp(new AddressPolicy(settings.allowLoopback(), settings.allowPrivate(),
                        AddressPolicy.literals(settings.allowedAddresses().orElse(List.of()))),
                settings.connectTimeout(), settings.responseTimeout(), settings.maxResponseBytes(),
                settings.maxRedirects(), settings.maxConnections(), settings.userAgent());
    }

    /** Sends the request and reads the whole answer, whatever its status. */
    public OutboundResponse send(OutboundRequest request) throws OutboundException {
        URI uri = request.uri();
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw new OutboundException(OutboundException.Failure.REFUSED_TARGET,
                    "only http and https addresses with a host can be called: " + safe(uri), null);
        }
        // Cancellable: past a limit the connection is dropped, not drained (draining a gzip bomb or an endless
        // answer to reuse the connection would read exactly what the limit refused).
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), uri);
        request.headers().forEach(h -> call.addHeader(h.getKey(), h.getValue()));
        if (request.headers().stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Accept-Encoding"))) {
            // Without it the client offers br whenever brotli4j is on the classpath, and decoding then needs its native
            // library, which not every platform has (an AppView answering br failed with UnsatisfiedLinkError).
            call.addHeader("Accept-Encoding", "gzip, x-gzip, deflate");
        }
        if (request.body() != null) {
            call.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        HttpClientContext context = HttpClientContext.create();
        Duration timeout = request.responseTimeoutOr(responseTimeout);
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setRedirectsEnabled(maxRedirects > 0).setMaxRedirects(maxRedirects)
                .build());
        long limit = request.maxResponseBytesOr(maxResponseBytes);
        long deadline = request.deadline() == null ? Long.MAX_VALUE : System.nanoTime() + request.deadline().toNanos();
        try {
            return client.execute(call, context, response -> read(call, response, limit, deadline, context, uri));
        } catch (IOException e) {
            throw classify(e, uri);
        }
    }

    private static OutboundResponse read(HttpUriRequestBase call, ClassicHttpResponse response, long limit, long deadline,
                                         HttpClientContext context, URI asked)
            throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        byte[] body = new byte[0];
        String contentType = null;
        if (entity != null) {
            contentType = entity.getContentType();
            if (entity.getContentLength() > limit) {
                call.cancel();
                throw new TooLarge(limit);
            }
            try (InputStream in = entity.getContent()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[16384];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > limit) {
                        call.cancel();
                        throw new TooLarge(limit);
                    }
                    if (System.nanoTime() > deadline) {
                        call.cancel();
                        throw new TooSlow();
                    }
                    out.write(buffer, 0, n);
                }
                body = out.toByteArray();
            }
        }
        URI finalUri = asked;
        if (context.getRedirectLocations() != null && context.getRedirectLocations().size() > 0) {
            List<URI> all = context.getRedirectLocations().getAll();
            finalUri = all.get(all.size() - 1);
        }
        return new OutboundResponse(response.getCode(), headers, body, contentType, finalUri);
    }

    private static OutboundException classify(IOException e, URI uri) {
        String target = safe(uri);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddress || t instanceof RefusedRedirect) {
                return new OutboundException(OutboundException.Failure.REFUSED_TARGET, t.getMessage(), null);
            }
            if (t instanceof TooSlow) {
                return new OutboundException(OutboundException.Failure.NO_ANSWER,
                        "the answer of " + target + " did not end within the time allowed", null);
            }
            if (t instanceof TooLarge) {
                return new OutboundException(OutboundException.Failure.TOO_LARGE,
                        "the answer of " + target + " is larger than " + ((TooLarge) t).limit + " bytes", null);
            }
        }
        if (e instanceof UnknownHostException) {
            return new OutboundException(OutboundException.Failure.NOT_CONNECTED, "unknown host: " + uri.getHost(), e);
        }
        if (e instanceof ConnectTimeoutException || e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof javax.net.ssl.SSLHandshakeException) {
            return new OutboundException(OutboundException.Failure.NOT_CONNECTED,
                    "could not connect to " + target + ": " + e.getClass().getSimpleName(), e);
        }
        return new OutboundException(OutboundException.Failure.NO_ANSWER,
                "no complete answer from " + target + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""), e);
    }

    /** Scheme, host, port and path: never the query, which may carry a token. */
    static String safe(URI uri) {
        return (uri.getScheme() != null ? uri.getScheme() + "://" : "") + (uri.getHost() != null ? uri.getHost() : "")
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + (uri.getRawPath() != null ? uri.getRawPath() : "");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(long limit) {
            super("answer larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow() {
            super("answer not complete within the deadline");
        }
    }

    static final class RefusedAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddress(String message) {
            super(message);
        }
    }

    static final class RefusedRedirect extends ProtocolException {
        private static final long serialVersionUID = 1L;

        RefusedRedirect(String message) {
            super(message);
        }
    }

    /** Resolves, then hands over only addresses the policy allows: the client connects to nothing else. */
    private static final class GuardedResolver implements DnsResolver {
        private final AddressPolicy policy;
        private final Resolver resolver;

        GuardedResolver(AddressPolicy policy, Resolver resolver) {
            this.policy = policy;
            this.resolver = resolver;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = resolver.resolve(host);
            for (InetAddress address : addresses) {
                if (!policy.allows(address)) {
                    throw new RefusedAddress("the address of " + host + " (" + address.getHostAddress() + ", "
                            + AddressPolicy.kindOf(address).name().toLowerCase(Locale.ROOT)
                            + ") may not be called from Kogu");
                }
            }
            return addresses;
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> result = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                result.add(new InetSocketAddress(address, port));
            }
            return result;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /** Follows redirects to http and https only; their addresses are checked again when connecting. */
    private static final class GuardedRedirects extends DefaultRedirectStrategy {
        @Override
        public URI getLocationURI(HttpRequest request, HttpResponse response, HttpContext context) throws HttpException {
            URI location = super.getLocationURI(request, response, context);
            if (location.getScheme() == null || !SCHEMES.contains(location.getScheme().toLowerCase(Locale.ROOT))) {
                throw new RefusedRedirect("a redirect to " + location.getScheme() + " was refused: only http and https");
            }
            return location;
        }
    }
}
