package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the publications that events name, by id or by channel + external post id, in the caller's
 * workspace only. A {@link Lookup} remembers what it found, so a long stream asks once per publication.
 */
@ApplicationScoped
public class PublicationDirectory {

    /** What ingestion needs of a publication: its id and the channel and network the rollups are kept by. */
    public record Entry(UUID id, UUID channelId, String network) {
    }

    record ExternalRef(UUID channelId, String externalPostId) {
    }

    @Inject
    AgroalDataSource dataSource;

    Lookup lookup(String workspaceId) {
        return new Lookup(workspaceId);
    }

    /** The publications of one workspace, as far as one request has asked. */
    final class Lookup {
        private static final int MAX_REMEMBERED = 100_000;
        private final String workspaceId;
        private final Map<UUID, Entry> byId = new HashMap<>();
        private final Map<ExternalRef, Entry> byExternal = new HashMap<>();

        private Lookup(String workspaceId) {
            this.workspaceId = workspaceId;
        }

        /** Loads those of the asked publications not known yet; unknown ones stay absent. */
        void load(List<UUID> ids, List<ExternalRef> externals) {
            List<UUID> missingIds = ids.stream().distinct().filter(id -> !byId.containsKey(id)).toList();
            List<ExternalRef> missingExternals = externals.stream().distinct()
                    .filter(ref -> !byExternal.containsKey(ref)).toList();
            if (missingIds.isEmpty() && missingExternals.isEmpty()) {
                return;
            }
            if (byId.size() > MAX_REMEMBERED) {
                byId.clear();
                byExternal.clear();
            }
            List<UUID> channels = new ArrayList<>();
            List<String> posts = new ArrayList<>();
            for (ExternalRef ref : missingExternals) {
                channels.add(ref.channelId());
                posts.add(ref.externalPostId());
            }
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement("""
                         select id, channel_id, network, external_post_id from publication
                         where workspace_id = ? and id = any(?)
                         union all
                         select p.id, p.channel_id, p.network, p.external_post_id
                         from publication p join unnest(?::uuid[], ?::text[]) as r(channel_id, external_post_id)
                           on p.channel_id = r.channel_id and p.external_post_id = r.external_post_id
                         where p.workspace_id = ?""")) {
                select.setString(1, workspaceId);
                select.setArray(2, connection.createArrayOf("uuid", missingIds.toArray()));
                select.setArray(3, connection.createArrayOf("uuid", channels.toArray()));
                select.setArray(4, connection.createArrayOf("text", posts.toArray()));
                select.setString(5, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Entry entry = new Entry(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                                rows.getString(3));
                        byId.put(entry.id(), entry);
                        String external = rows.getString(4);
                        if (external != null) {
                            byExternal.put(new ExternalRef(entry.channelId(), external), entry);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Looking up publications failed", e);
            }
        }

        Entry byId(UUID id) {
            return byId.get(id);
        }

        Entry byExternal(ExternalRef ref) {
            return byExternal.get(ref);
        }
    }
}
