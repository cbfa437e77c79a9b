package io.kogu.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Honours {@code Idempotency-Key} on creates: the same key and body answers the first answer again, the same
 * key with another body is a 422. The key is claimed, the work done and the answer stored in one
 * transaction, so a concurrent retry waits for the first and then replays it. Each service's schema has the
 * {@code idempotency_key} table (the platform's migration in {@code db/platform}).
 *
 * <p>Bodies may hold credentials (a channel's tokens), so the store keeps no plain hash of them: an HMAC-SHA256
 * under {@code kogu.idempotency.hmac-key}, required outside dev and test. A key is remembered for
 * {@code kogu.idempotency.ttl}; after that it is forgotten (a retry runs as a new request), and the cleanup, in
 * every replica, deletes its row.
 */
@ApplicationScoped
@Startup // a missing key stops the service at start, not at the first create
public class Idempotency {

    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);
    /** Marks a stored hash as an HMAC (rows from before held a plain SHA-256; the migration deletes them). */
    static final String HASH_PREFIX = "hmac-sha256:";
    /** Public in this repository, so it protects nothing: dev and test only. */
    public static final String DEVELOPMENT_KEY = "a29ndS1kZXZlbG9wbWVudC1pZGVtcG90ZW5jeS1rZXktMzI=";
    private static final int CLEANUP_BATCH = 1000;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Caller caller;

    @ConfigProperty(name = "kogu.idempotency.hmac-key")
    Optional<String> configuredKey;

    @ConfigProperty(name = "kogu.idempotency.ttl")
    Duration ttl;

    private SecretKeySpec hmacKey;

    @PostConstruct
    void init() {
        hmacKey = new SecretKeySpec(hmacKey(configuredKey, LaunchMode.current()), "HmacSHA256");
    }

    /**
     * The HMAC key: the configured one (base64 of at least 32 bytes), or the development key in dev and test.
     * Outside dev and test a missing key, or the public development key, stops the service.
     */
    static byte[] hmacKey(Optional<String> configured, LaunchMode mode) {
        boolean devOrTest = mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST;
        String key = configured.filter(value -> !value.isBlank()).orElse(null);
        if (key == null || key.equals(DEVELOPMENT_KEY)) {
            if (!devOrTest) {
                throw new IllegalStateException("kogu.idempotency.hmac-key (KOGU_IDEMPOTENCY_HMAC_KEY) is not set, or is the"
                        + " public development key: set base64 of 32 random bytes (head -c 32 /dev/urandom | base64)");
            }
            key = DEVELOPMENT_KEY;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kogu.idempotency.hmac-key is not base64");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("kogu.idempotency.hmac-key must be at least 32 bytes, base64-encoded");
        }
        return bytes;
    }

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
        // A key older than the TTL is forgotten, even before the cleanup has deleted its row.
        entityManager.createNativeQuery("""
                delete from idempotency_key where workspace_id = ?1 and operation = ?2 and idempotency_key = ?3
                and created_at < now() - ?4 * interval '1 second'""")
                .setParameter(1, workspace).setParameter(2, operation).setParameter(3, key).setParameter(4, ttl.toSeconds())
                .executeUpdate();
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

    /**
     * Deletes the keys older than the TTL, in batches of a transaction each. Every replica runs it: a batch skips
     * the rows another replica is deleting ({@code SKIP LOCKED}), so replicas never wait on each other.
     *
     * @return how many rows this call deleted
     */
    public int deleteExpired() {
        int deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    delete from idempotency_key where ctid = any(array(
                        select ctid from idempotency_key where created_at < now() - ?1 * interval '1 second'
                        limit ?2 for update skip locked))""")
                    .setParameter(1, ttl.toSeconds()).setParameter(2, CLEANUP_BATCH).executeUpdate());
            deleted += batch;
        } while (batch == CLEANUP_BATCH);
        return deleted;
    }

    @Scheduled(identity = "idempotency-key-cleanup", every = "${kogu.idempotency.cleanup-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void cleanUp() {
        deleteExpired();
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

    /** The HMAC-SHA256 of the request's JSON: equal bodies give equal hashes, and nothing about the body leaks. */
    private String hash(Object request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return HASH_PREFIX + HexFormat.of().formatHex(mac.doFinal(write(request).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
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
