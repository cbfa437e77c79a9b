package io.kogu.metrics.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.api.EventsApi;
import io.kogu.metrics.api.model.EngagementEvent;
import io.kogu.metrics.api.model.EventRejection;
import io.kogu.metrics.api.model.IngestResult;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/events}: one event or a JSON array. Each event is checked on its own, so that one bad
 * event is reported with its index while the others are kept.
 */
public class EventsResource implements EventsApi {

    static final int MAX_BATCH = 10_000;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Validator validator;

    @Inject
    EventIngestion ingestion;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response ingestEvents(JsonNode payload, String idempotencyKey) {
        List<JsonNode> items = new ArrayList<>();
        if (payload.isArray()) {
            if (payload.isEmpty() || payload.size() > MAX_BATCH) {
                throw ProblemException.invalid("events", "a batch holds 1 to " + MAX_BATCH + " events");
            }
            payload.forEach(items::add);
        } else if (payload.isObject()) {
            items.add(payload);
        } else {
            throw ProblemException.invalid("events", "send one event object or an array of events");
        }
        return idempotency.run(idempotencyKey, "ingestEvents", payload, () -> Response.ok(ingest(items)).build());
    }

    private IngestResult ingest(List<JsonNode> items) {
        List<EngagementEvent> valid = new ArrayList<>(items.size());
        List<EventRejection> rejections = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            String problem;
            EngagementEvent event = null;
            try {
                event = objectMapper.treeToValue(item, EngagementEvent.class);
                problem = describe(validator.validate(event));
            } catch (JsonProcessingException e) {
                problem = "not a valid event: " + e.getOriginalMessage();
            }
            if (problem == null) {
                valid.add(event);
            } else {
                JsonNode eventId = item.path("eventId");
                rejections.add(new EventRejection().index(index).eventId(eventId.isTextual() ? eventId.asText() : null)
                        .reason(problem));
            }
        }
        int accepted = ingestion.store(caller.workspaceId(), valid);
        return new IngestResult().accepted(accepted).duplicates(valid.size() - accepted)
                .rejected(rejections.size()).rejections(rejections);
    }

    private static String describe(java.util.Set<ConstraintViolation<EngagementEvent>> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; "));
    }
}
