package io.kogu.content.client;

import io.quarkus.arc.Arc;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered on the audience-service client in tests (application.properties): records, per request URI,
 * whether a database transaction was open on the calling thread when the request left.
 */
public class TransactionProbe implements ClientRequestFilter {

    private static final Map<String, Boolean> IN_TRANSACTION = new ConcurrentHashMap<>();

    @Override
    public void filter(ClientRequestContext request) {
        try {
            TransactionManager transactions = Arc.container().instance(TransactionManager.class).get();
            IN_TRANSACTION.put(request.getUri().toString(), transactions.getStatus() != Status.STATUS_NO_TRANSACTION);
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a transaction was open when a request whose URI contains {@code part} left; null: none left. */
    public static Boolean inTransaction(String part) {
        return IN_TRANSACTION.entrySet().stream().filter(e -> e.getKey().contains(part)).map(Map.Entry::getValue)
                .reduce(Boolean::logicalOr).orElse(null);
    }
}
