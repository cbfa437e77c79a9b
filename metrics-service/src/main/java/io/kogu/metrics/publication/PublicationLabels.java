package io.kogu.metrics.publication;

import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.PublicationLabel;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a screen shows next to a publication id (issue 11): its draft, channel name and network, title and URL, as
 * content-service registered them. The channel's name is kept once per channel ({@code channel_label}): the
 * registration of the channel's latest publication names it, so a rename reaches all its publications with the
 * next one.
 */
@ApplicationScoped
public class PublicationLabels {

    /** One publication's label; {@code channelName}, {@code title}, {@code url} and {@code draftId} may be null. */
    public record Label(UUID publicationId, UUID draftId, UUID channelId, String channelName, String network,
                        String title, String url, Instant publishedAt) {

        public OffsetDateTime publishedAtUtc() {
            return publishedAt.atOffset(ZoneOffset.UTC);
        }

        public PublicationLabel toApi() {
            return new PublicationLabel().publicationId(publicationId).draftId(draftId).channelId(channelId)
                    .channelName(channelName).network(Network.fromValue(network)).title(title).url(url)
                    .publishedAt(publishedAtUtc());
        }
    }

    @Inject
    EntityManager entityManager;

    /** Names the channel as of the publication published at {@code publishedAt}, unless a later one named it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void nameChannel(String workspaceId, UUID channelId, String network, String name, Instant publishedAt) {
        if (name == null) {
            return;
        }
        entityManager.createNativeQuery("""
                        insert into channel_label (workspace_id, channel_id, network, name, published_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (workspace_id, channel_id) do update
                            set network = excluded.network, name = excluded.name, published_at = excluded.published_at
                            where channel_label.published_at <= excluded.published_at""")
                .setParameter(1, workspaceId).setParameter(2, channelId).setParameter(3, network)
                .setParameter(4, name).setParameter(5, publishedAt).executeUpdate();
    }

    /** The labels of the registered publications among {@code ids} (unregistered ones are missing). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, Label> of(String workspaceId, Collection<UUID> ids) {
        Map<UUID, Label> labels = new HashMap<>();
        if (ids.isEmpty()) {
            return labels;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select p.id, p.draft_id, p.channel_id, c.name, p.network, p.title, p.url, p.published_at
                        from publication p
                        left join channel_label c on c.workspace_id = p.workspace_id and c.channel_id = p.channel_id
                        where p.workspace_id = :workspace and p.id in (:ids)""")
                .setParameter("workspace", workspaceId).setParameter("ids", List.copyOf(ids)).getResultList();
        for (Object[] row : rows) {
            Label label = new Label((UUID) row[0], (UUID) row[1], (UUID) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (String) row[6], Sql.toInstant(row[7]));
            labels.put(label.publicationId(), label);
        }
        return labels;
    }

    public Optional<Label> of(String workspaceId, UUID id) {
        return Optional.ofNullable(of(workspaceId, List.of(id)).get(id));
    }

    /** The channels' names, of those that have one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, String> channelNames(String workspaceId, Collection<UUID> channelIds) {
        Map<UUID, String> names = new HashMap<>();
        if (channelIds.isEmpty()) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select channel_id, name from channel_label
                        where workspace_id = :workspace and channel_id in (:ids)""")
                .setParameter("workspace", workspaceId).setParameter("ids", List.copyOf(channelIds)).getResultList();
        for (Object[] row : rows) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }
}
