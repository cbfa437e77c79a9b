package io.kogu.platform.tracing;

import io.kogu.platform.web.RequestIds;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

/**
 * Every call this service makes to another Kogu service carries the request id it works for ({@code X-Request-Id},
 * from the log context: the caller's request, or the request that wrote an outbox event), so that one id finds the
 * lines of every service. A {@code @Provider}: the REST client registers it on every client, the generated ones and
 * those built in code. (The W3C {@code traceparent} is added by quarkus-opentelemetry's own client filter.) Every REST
 * client of Kogu calls a Kogu service; networks and webhook receivers are called through {@code OutboundHttp}, which
 * sends neither header.
 */
@Provider
public class ForwardRequestId implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(RequestIds.HEADER)) {
            return;
        }
        Object id = MDC.get(RequestIds.MDC_KEY);
        if (id != null) {
            request.getHeaders().putSingle(RequestIds.HEADER, id.toString());
        }
    }
}
