package io.kogu.metrics.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kogu.metrics.api.EventsApi;
import io.kogu.metrics.api.model.EngagementEvent;
import io.kogu.metrics.config.MetricsSettings;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kogu.platform.json.JsonErrors;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.text.LineLimitedReader;
import io.kogu.platform.text.Utf8Lines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/events}: one event or a JSON array (bounded, so read whole and stored in one transaction),
 * or an NDJSON stream of any length, read line by line and stored in batches of
 * {@code kogu.metrics.ingestion.stream-batch-size}, each in its own transaction, so memory stays flat; each
 * batch is checked while the one before it is being written ({@link StreamPipeline}).
 */
public class EventsResource implements EventsApi {

    static final int MAX_BATCH = 10_000;
    /** 10,000 events of up to ~3 KB each. */
    static final long MAX_JSON_BYTES = 32L * 1024 * 1024;
    static final MediaType NDJSON = MediaType.valueOf("application/x-ndjson");

    @Inject
    ObjectMapper objectMapper;

    @Inject
    EventBatches batches;

    @Inject
    PublicationDirectory directory;

    @Inject
    StreamWriters writers;

    @Inject
    Idempotency idempotency;

    @Inject
    MetricsSettings settings;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    private ObjectReader eventReader;

    @jakarta.annotation.PostConstruct
    void prepareReader() {
        // Date-times read by hand where they have the usual shape: a stream holds one per line (Rfc3339Dates).
        ObjectMapper streamMapper = objectMapper.copy().registerModule(io.kogu.platform.json.Rfc3339Dates.module());
        // Utf8Lines has checked every line's UTF-8 before it is parsed; the shared mapper's check would do it again.
        streamMapper.getFactory().setInputDecorator(null);
        // A parser per line takes its buffers from a pool: Jackson's default pool is a ThreadLocal, which on a
        // worker thread with many of them was found by a slow search of the thread's map (a sixth of the stream's
        // parsing). A deque is one uncontended poll and offer.
        streamMapper.getFactory().setRecyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool());
        eventReader = streamMapper.readerFor(EngagementEvent.class);
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response ingestEvents(InputStream body, String idempotencyKey) {
        MediaType type = headers.getMediaType();
        if (type != null && type.isCompatible(NDJSON)) {
            return Response.ok(ingestStream(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        JsonNode payload = readJson(body);
        List<EventBatches.Item> items = new ArrayList<>();
        if (payload.isArray()) {
            if (payload.isEmpty() || payload.size() > MAX_BATCH) {
                throw ProblemException.invalid("events", "a batch holds 1 to " + MAX_BATCH
                        + " events; send more as application/x-ndjson");
            }
            for (int index = 0; index < payload.size(); index++) {
                items.add(EventBatches.Item.tree(index, payload.get(index)));
            }
        } else if (payload.isObject()) {
            items.add(EventBatches.Item.tree(0, payload));
        } else {
            throw ProblemException.invalid("events", "send one event object or an array of events");
        }
        // Checked, and actors attributed through audience-service, before the idempotency key's transaction: a
        // REST call made inside a transaction carries it to the client's I/O thread, and a commit racing that
        // thread failed ("multiple threads active", a 500) when audience-service refused the connection.
        Tally tally = new Tally(settings.ingestion().maxListedRejections());
        EventBatches.Checked checked = batches.check(items, directory.lookup(caller.workspaceId()), tally);
        return idempotency.run(idempotencyKey, "ingestEvents", payload, () -> {
            batches.record(checked, batches.store(caller.workspaceId(), checked, EventIngestion.Rollups.NOW), tally);
            return Response.ok(tally.result()).build();
        });
    }

    private io.kogu.metrics.api.model.IngestResult ingestStream(InputStream body) {
        String workspace = caller.workspaceId();
        int batchSize = settings.ingestion().streamBatchSize();
        Tally tally = new Tally(settings.ingestion().maxListedRejections());
        // Line by line rather than one JSON token stream: a malformed line is rejected with its number and the
        // lines after it are still read. Every line is bounded (a longer one ends the stream with a 413 naming it,
        // after the lines before it were stored) and strict UTF-8 (overlong forms and the like are a 400). Lines
        // stay bytes, which Jackson parses without decoding them into text first.
        Utf8Lines lines = new Utf8Lines(body, settings.ingestion().maxLineChars());
        try (lines;
             StreamWriters.Streaming streaming = writers.begin();
             StreamPipeline pipeline = new StreamPipeline(batches, workspace, directory.lookup(workspace), tally,
                     writers.pool())) {
            List<EventBatches.Item> batch = new ArrayList<>(batchSize);
            int index = 0;
            boolean any = false;
            IOException unreadable = null;
            while (true) {
                try {
                    if (!lines.next()) {
                        break;
                    }
                } catch (LineLimitedReader.LineTooLongException | CharacterCodingException e) {
                    unreadable = e; // the lines before it are still stored
                    break;
                }
                if (!lines.isBlank()) {
                    any = true;
                    batch.add(parseLine(index, lines));
                    if (batch.size() == batchSize) {
                        pipeline.submit(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
                index++;
            }
            if (!batch.isEmpty()) {
                pipeline.submit(batch);
            }
            pipeline.finish();
            if (unreadable instanceof LineLimitedReader.LineTooLongException e) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Line " + e.line() + " is longer than "
                        + e.limit() + " characters; the lines before it were stored, none after it",
                        List.of(new FieldError("line " + e.line(), "is longer than " + e.limit() + " characters")));
            }
            if (unreadable != null) {
                long line = lines.lineNumber() + 1;
                throw ProblemException.invalid(List.of(new FieldError("line " + line, "is not valid UTF-8 (an overlong "
                        + "form, an encoded surrogate or a cut sequence); the lines before it were stored, none after it")));
            }
            if (!any) {
                throw ProblemException.invalid("events", "the stream holds no events (one JSON event per line)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the event stream failed", e);
        }
        return tally.result();
    }

    /** Maps the line straight to an event (the common case); only a line that does not map is read as a tree. */
    private EventBatches.Item parseLine(int index, Utf8Lines line) {
        try {
            EngagementEvent event = eventReader.readValue(line.bytes(), line.offset(), line.length());
            if (event != null) {
                return EventBatches.Item.mapped(index, event);
            }
        } catch (JsonProcessingException notAnEvent) {
            // read again below, as a tree, to say why
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory: not expected
        }
        try {
            return EventBatches.Item.tree(index, objectMapper.readTree(line.bytes(), line.offset(), line.length()));
        } catch (JsonProcessingException e) {
            return EventBatches.Item.unreadable(index, "not a JSON event: " + JsonErrors.inWords(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readJson(InputStream body) {
        try {
            JsonNode payload = objectMapper.readTree(new BoundedInput(body, MAX_JSON_BYTES));
            if (payload == null || payload.isMissingNode()) {
                throw ProblemException.invalid("events", "the body is empty");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("events", "the body is not valid JSON: " + JsonErrors.inWords(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the request body failed", e);
        }
    }
}
