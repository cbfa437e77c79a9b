package io.kogu.content.listen;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Test shortcuts on the poller's schedule: make sources due now, as if their interval had passed. */
final class ListeningTestSupport {

    private ListeningTestSupport() {
    }

    static void makeDue(String... sourceIds) {
        List<UUID> ids = Arrays.stream(sourceIds).map(UUID::fromString).toList();
        QuarkusTransaction.requiringNew().run(() -> CDI.current().select(EntityManager.class).get()
                .createNativeQuery("update listening_source set next_fetch_at = now() - interval '1 second' where id in (:ids)")
                .setParameter("ids", ids).executeUpdate());
    }
}
