package io.kogu.platform.tracing;

import io.kogu.platform.web.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The trace context and request id of work that outlives its request (an outbox event): {@link #capture()} keeps
 * them where the work is written, {@link #resume} continues them where it is done, in a span of its own whose parent
 * is the request's span, with the request id and workspace in the log context. Calls made inside carry both
 * ({@code traceparent} by quarkus-opentelemetry's client filter, {@code X-Request-Id} by {@link ForwardRequestId}).
 */
@ApplicationScoped
public class TraceContext {

    /** The log context key of the workspace (every line of a request once the workspace is known). */
    public static final String WORKSPACE_MDC_KEY = "workspace";

    /** What was current where the work was written: a W3C {@code traceparent} and a request id, each may be null. */
    public record Captured(String traceParent, String requestId) {
    }

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    @Inject
    Tracer tracer;

    /** The current span's context as a W3C {@code traceparent}, and the current request id. */
    public static Captured capture() {
        SpanContext span = Span.current().getSpanContext();
        String traceParent = span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        return new Captured(traceParent, requestId == null ? null : requestId.toString());
    }

    /**
     * Runs {@code work} in a span named {@code name}, a child of {@code captured}'s trace (a new trace without one),
     * with its request id (else {@code fallbackRequestId}) and {@code workspaceId} in the log context.
     */
    public <T> T resume(String name, Captured captured, String fallbackRequestId, String workspaceId, Callable<T> work)
            throws Exception {
        Context parent = captured.traceParent() == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), captured.traceParent(), TRACEPARENT);
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL).startSpan();
        Object previousRequestId = MDC.get(RequestIds.MDC_KEY);
        Object previousWorkspace = MDC.get(WORKSPACE_MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, captured.requestId() != null ? captured.requestId() : fallbackRequestId);
        MDC.put(WORKSPACE_MDC_KEY, workspaceId);
        try (Scope ignored = span.makeCurrent()) {
            return work.call();
        } catch (Exception e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
            restore(RequestIds.MDC_KEY, previousRequestId);
            restore(WORKSPACE_MDC_KEY, previousWorkspace);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
