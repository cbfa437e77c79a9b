package io.kogu.content.channel;

import io.kogu.platform.startup.BackgroundStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-seals, at every start (on a thread of its own, beside the start), the channel credentials that an older key
 * sealed (or that have no key id), with the key that seals now: after a rotation no row needs the old key, which
 * can then be removed. Rows are claimed in batches with {@code for update skip locked}, so replicas starting
 * together share the work. The channel's {@code version} and {@code credentials_updated_at} stay: the credentials
 * are the same.
 */
@ApplicationScoped
public class CredentialRotation {

    private static final Logger LOG = Logger.getLogger(CredentialRotation.class);
    private static final int BATCH = 100;

    @Inject
    CredentialCipher cipher;

    @Inject
    EntityManager entityManager;

    @Inject
    CredentialRotation self;

    void onStart(@Observes StartupEvent event) {
        // Beside the start, not in it: rows sealed with an older key still open until they are re-sealed.
        BackgroundStart.run("credential-reseal", () -> {
            int resealed = resealAll();
            if (resealed > 0) {
                LOG.infof("Re-sealed the credentials of %d channels with the key %s", resealed, cipher.currentKeyId());
            }
        });
    }

    /** Re-seals every row of another key; the number re-sealed. */
    public int resealAll() {
        int total = 0;
        UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: this is the smallest
        while (after != null) {
            Batch batch = self.resealBatch(after);
            total += batch.resealed();
            after = batch.last();
        }
        return total;
    }

    record Batch(int resealed, UUID last) {
    }

    @Transactional
    Batch resealBatch(UUID after) {
        String current = cipher.currentKeyId();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, workspace_id, credentials, credentials_key_id from channel
                where credentials is not null and credentials_key_id is distinct from ?1 and id > ?2
                order by id limit ?3 for update skip locked""")
                .setParameter(1, current).setParameter(2, after).setParameter(3, BATCH).getResultList();
        int resealed = 0;
        UUID last = null;
        for (Object[] row : rows) {
            Channel channel = new Channel();
            channel.id = (UUID) row[0];
            channel.workspaceId = (String) row[1];
            last = channel.id;
            try {
                Map<String, String> credentials = cipher.open((byte[]) row[2], (String) row[3],
                        channel.credentialsAssociatedData());
                CredentialCipher.Sealed sealed = cipher.seal(credentials, channel.credentialsAssociatedData());
                entityManager.createNativeQuery("update channel set credentials = ?1, credentials_key_id = ?2 where id = ?3")
                        .setParameter(1, sealed.bytes()).setParameter(2, sealed.keyId()).setParameter(3, channel.id)
                        .executeUpdate();
                resealed++;
            } catch (IllegalStateException e) {
                // The message names a key id at most, never a credential.
                LOG.warnf("The credentials of channel %s could not be re-sealed: %s", channel.id, e.getMessage());
            }
        }
        return new Batch(resealed, rows.size() < BATCH ? null : last);
    }
}
