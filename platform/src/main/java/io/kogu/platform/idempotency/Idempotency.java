package io.kogu.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Honours {@code Idempotency-Key} on creates: the same key and body answers the first answer again, the same
 * key with another body is a 422. The key is claimed, the work done and the answer stored in one
 * transaction, so a concurrent retry waits for the first and then replays it. Each service's schema has the
 * {@code idempotency_key} table (see its V1 migration).
 */
@ApplicationScoped
public class Idempotency {

    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Caller caller;

    /**
     * Runs {@code create} once per key. Without a key it simply runs it.
     *
     * @param operation names the endpoint, so that one key cannot replay another endpoint's answer
     */
    @Transactional
    public Response run(String key, String operation, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        String workspace = caller.workspaceId();
        String requestHash = hash(request);
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (workspace_id, operation, idempotency_key, request_hash)
                values (?1, ?2, ?3, ?4) on conflict do nothing""")
                .setParameter(1, workspace).setParameter(2, operation).setParameter(3, key).setParameter(4, requestHash)
                .executeUpdate();
        if (claimed == 0) {
            return replay(workspace, operation, key, requestHash);
        }
        Response response = create.get();
        store(workspace, operation, key, response);
        return response;
    }

    private Response replay(String workspace, String operation, String key, String requestHash) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select request_hash, response_status, response_headers, response_body from idempotency_key
                where workspace_id = ?1 and operation = ?2 and idempotency_key = ?3""")
                .setParameter(1, workspace).setParameter(2, operation).setParameter(3, key)
                .getSingleResult();
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("This Idempotency-Key was used with another request body",
                    List.of(new FieldError("Idempotency-Key", "was already used with another body; use a new key")));
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue());
        readHeaders((String) row[2]).forEach(replay::header);
        if (row[3] != null) {
            replay.entity(row[3]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return replay.build();
    }

    private void store(String workspace, String operation, String key, Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        entityManager.createNativeQuery("""
                update idempotency_key set response_status = ?4, response_headers = cast(?5 as jsonb), response_body = ?6
                where workspace_id = ?1 and operation = ?2 and idempotency_key = ?3""")
                .setParameter(1, workspace).setParameter(2, operation).setParameter(3, key)
                .setParameter(4, response.getStatus()).setParameter(5, write(headers))
                .setParameter(6, response.hasEntity() ? write(response.getEntity()) : null)
                .executeUpdate();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String write(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An API model could not be written as JSON", e);
        }
    }

    private Map<String, String> readHeaders(String json) {
        try {
            return json == null ? Map.of() : objectMapper.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response headers are not JSON", e);
        }
    }
}
