-- The trace context (W3C traceparent) and X-Request-Id of the request that wrote an outbox event, so that its
-- delivery to another service continues the same trace and request id (platform TraceContext; docs/observability.md).
alter table outbox add column trace_parent text, add column request_id text;

-- Member imports wait `queued` until a replica's job runner claims them (then `running`), as content-service's
-- draft imports do: one set of import job states (contract/README.md, "Vocabulary").
alter table member_import drop constraint member_import_status_check;
alter table member_import add constraint member_import_status_check
    check (status in ('queued', 'running', 'completed', 'failed'));
