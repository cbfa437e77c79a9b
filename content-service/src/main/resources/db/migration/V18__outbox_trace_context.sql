-- The trace context (W3C traceparent) and X-Request-Id of the request that wrote an outbox event, so that its
-- delivery to another service continues the same trace and request id (platform TraceContext; docs/observability.md).
alter table outbox add column trace_parent text, add column request_id text;
