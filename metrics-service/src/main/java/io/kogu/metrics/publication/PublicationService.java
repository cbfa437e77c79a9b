package io.kogu.metrics.publication;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The registry of publications: registered once, idempotently, by id. */
@ApplicationScoped
public class PublicationService {

    /** The registered publication and whether this call created it. */
    public record Registered(Publication publication, boolean created) {
    }

    @Inject
    PublicationLabels labels;

    @Transactional
    public Registered register(String workspaceId, Publication wanted) {
        Optional<Publication> existing = find(workspaceId, wanted.id);
        if (existing.isPresent()) {
            Publication publication = existing.get();
            if (!sameValues(publication, wanted)) {
                throw ProblemException.unprocessable("Publication " + wanted.id + " was registered with other values",
                        List.of(new FieldError("id", "is already registered with other values")));
            }
            // What a screen shows of it may change (the URL once known, the title): the newest registration wins.
            if (wanted.url != null && !wanted.url.equals(publication.url)
                    || wanted.title != null && !wanted.title.equals(publication.title)) {
                publication.url = wanted.url == null ? publication.url : wanted.url;
                publication.title = wanted.title == null ? publication.title : wanted.title;
                publication.flush();
            }
            labels.nameChannel(workspaceId, publication.channelId, publication.network, wanted.channelName,
                    publication.publishedAt);
            publication.channelName = wanted.channelName;
            return new Registered(publication, false);
        }
        if (wanted.externalPostId != null && Publication.count(
                "workspaceId = ?1 and channelId = ?2 and externalPostId = ?3",
                workspaceId, wanted.channelId, wanted.externalPostId) > 0) {
            throw ProblemException.unprocessable("Another publication of this channel has this external post id",
                    List.of(new FieldError("externalPostId", "is already used by another publication of the channel")));
        }
        wanted.workspaceId = workspaceId;
        // Microseconds: what PostgreSQL keeps, so that the answer equals what a later read returns.
        wanted.publishedAt = wanted.publishedAt.truncatedTo(ChronoUnit.MICROS);
        wanted.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        wanted.persistAndFlush();
        labels.nameChannel(workspaceId, wanted.channelId, wanted.network, wanted.channelName, wanted.publishedAt);
        return new Registered(wanted, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Publication> find(String workspaceId, UUID id) {
        return Publication.findByIdOptional(new Publication.Key(workspaceId, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Publication get(String workspaceId, UUID id) {
        return find(workspaceId, id).orElseThrow(() -> ProblemException.notFound("publication", id));
    }

    /** One page, newest first, optionally of one channel, network, campaign and tag. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Publication> list(String workspaceId, PublicationFilter filter, Keyset keyset) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (filter.channelId() != null) {
            query.append(" and channelId = :channel");
            parameters.and("channel", filter.channelId());
        }
        if (filter.network() != null) {
            query.append(" and network = :network");
            parameters.and("network", filter.network());
        }
        if (filter.campaign() != null) {
            query.append(" and campaign = :campaign");
            parameters.and("campaign", filter.campaign());
        }
        if (filter.tag() != null) {
            // array_contains(tags, :tag) binds a varchar[], which PostgreSQL cannot compare with the text[] column;
            // array_position answers 0 when the tag is not there.
            query.append(" and array_position(tags, :tag) > 0");
            parameters.and("tag", filter.tag());
        }
        return keyset.find(query.toString(), parameters, "", (q, values) -> Publication.<Publication>find(q, values),
                publication -> new PageCursor(publication.createdAt, publication.id));
    }

    private static boolean sameValues(Publication a, Publication b) {
        return Objects.equals(a.draftId, b.draftId) && Objects.equals(a.channelId, b.channelId)
                && Objects.equals(a.network, b.network) && Objects.equals(a.externalPostId, b.externalPostId)
                && a.publishedAt.equals(b.publishedAt.truncatedTo(ChronoUnit.MICROS))
                && Objects.equals(a.tags, b.tags) && Objects.equals(a.campaign, b.campaign)
                && Objects.equals(a.targetSegmentIds, b.targetSegmentIds)
                && Objects.equals(a.followerCount, b.followerCount);
    }
}
