package io.kogu.metrics.publication;

import io.kogu.metrics.analytics.Engagement;
import io.kogu.metrics.api.PublicationsApi;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.PublicationInput;
import io.kogu.metrics.api.model.PublicationPage;
import io.kogu.metrics.api.model.PublicationSummary;
import io.kogu.metrics.api.model.RateBasis;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public class PublicationsResource implements PublicationsApi {

    @Inject
    PublicationService publications;

    @Inject
    PublicationSummaries summaries;

    @Inject
    SegmentBreakdowns breakdowns;

    @Inject
    PublicationLabels labels;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response registerPublication(PublicationInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "registerPublication", input, () -> {
            PublicationService.Registered registered = publications.register(caller.workspaceId(), toEntity(input));
            Publication publication = registered.publication();
            Response.ResponseBuilder response = registered.created()
                    ? Response.created(URI.create("/v1/publications/" + publication.id))
                    : Response.ok();
            return response.tag(Versions.etag(publication.version)).entity(toApi(publication, channelName(publication)))
                    .build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getPublication(UUID publicationId) {
        Publication publication = publications.get(caller.workspaceId(), publicationId);
        return Response.ok(toApi(publication, channelName(publication))).tag(Versions.etag(publication.version)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listPublications(Integer limit, String cursor, UUID channelId, Network network, String campaign,
                                     String tag) {
        PublicationFilter filter = new PublicationFilter(channelId, network == null ? null : network.toString(),
                campaign, tag);
        Page<Publication> page = publications.list(caller.workspaceId(), filter, Keyset.of(cursor, limit));
        Map<UUID, String> names = labels.channelNames(caller.workspaceId(),
                page.items().stream().map(p -> p.channelId).collect(java.util.stream.Collectors.toSet()));
        return Response.ok(new PublicationPage().items(page.items().stream()
                .map(p -> toApi(p, names.get(p.channelId))).toList()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getPublicationSummary(UUID publicationId, RateBasis rateBasis) {
        String workspace = caller.workspaceId();
        Map<String, Long> totals = summaries.totals(workspace, publicationId);
        Publication publication = publications.find(workspace, publicationId).orElse(null);
        if (publication == null && totals.isEmpty()) {
            throw ProblemException.notFound("publication", publicationId);
        }
        long engagements = Engagement.engagements(totals);
        PublicationSummary summary = new PublicationSummary().publicationId(publicationId).totals(totals)
                .engagements(engagements).engagementRate(Engagement.rate(rateBasis, engagements, totals,
                        publication == null ? null : publication.followerCount));
        labels.of(workspace, publicationId).ifPresent(label -> summary.draftId(label.draftId())
                .channelId(label.channelId()).channelName(label.channelName()).network(Network.fromValue(label.network()))
                .title(label.title()).url(label.url()).publishedAt(label.publishedAtUtc()));
        return Response.ok(summary).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getPublicationSegmentBreakdown(UUID publicationId, UUID segmentId) {
        String workspace = caller.workspaceId();
        publications.get(workspace, publicationId);
        return Response.ok(breakdowns.breakdown(workspace, publicationId, segmentId)).build();
    }

    private static Publication toEntity(PublicationInput input) {
        Publication publication = new Publication();
        publication.id = input.getId();
        publication.draftId = input.getDraftId();
        publication.channelId = input.getChannelId();
        publication.network = input.getNetwork().toString();
        publication.externalPostId = input.getExternalPostId();
        publication.url = input.getUrl();
        publication.title = input.getTitle();
        publication.channelName = input.getChannelName();
        publication.publishedAt = input.getPublishedAt().toInstant();
        publication.tags = new ArrayList<>(input.getTags() == null ? java.util.Set.of() : input.getTags());
        publication.campaign = input.getCampaign();
        publication.targetSegmentIds = new ArrayList<>(
                input.getTargetSegmentIds() == null ? java.util.Set.of() : input.getTargetSegmentIds());
        publication.followerCount = input.getFollowerCount();
        return publication;
    }

    private String channelName(Publication publication) {
        return labels.channelNames(publication.workspaceId, List.of(publication.channelId)).get(publication.channelId);
    }

    static io.kogu.metrics.api.model.Publication toApi(Publication publication, String channelName) {
        return new io.kogu.metrics.api.model.Publication().id(publication.id).draftId(publication.draftId)
                .channelId(publication.channelId).network(Network.fromValue(publication.network))
                .externalPostId(publication.externalPostId).url(publication.url).title(publication.title)
                .channelName(channelName)
                .publishedAt(publication.publishedAt.atOffset(ZoneOffset.UTC)).tags(publication.tags)
                .campaign(publication.campaign).targetSegmentIds(publication.targetSegmentIds)
                .followerCount(publication.followerCount).version(publication.version)
                .createdAt(publication.createdAt.atOffset(ZoneOffset.UTC));
    }
}
