package io.kogu.audience.segment;

import io.kogu.audience.api.SegmentsApi;
import io.kogu.audience.api.model.MembershipCheck;
import io.kogu.audience.api.model.MembershipCheckResult;
import io.kogu.audience.api.model.SegmentCount;
import io.kogu.audience.api.model.SegmentInput;
import io.kogu.audience.api.model.SegmentPage;
import io.kogu.audience.api.model.SegmentRule;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

public class SegmentsResource implements SegmentsApi {

    @Inject
    SegmentService segments;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createSegment(SegmentInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createSegment", input, () -> {
            SegmentRule rule = input.getRule();
            Segment segment = segments.create(caller.workspaceId(), input.getName(), input.getDescription(),
                    new Condition(rule.getField().toString(), rule.getOperator().toString(), List.copyOf(rule.getValues())));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(segment.id.toString()).build())
                    .tag(Versions.etag(segment.version)).entity(toApi(segment)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getSegment(UUID segmentId) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        return Response.ok(toApi(segment)).tag(Versions.etag(segment.version)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response listSegments(Integer limit, String cursor, List<UUID> ids) {
        Page<io.kogu.audience.api.model.Segment> page = segments
                .list(caller.workspaceId(), ids, PageCursor.decode(cursor), PageCursor.limit(limit))
                .map(SegmentsResource::toApi);
        return Response.ok(new SegmentPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response countSegment(UUID segmentId) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        long count = segments.count(segment);
        return Response.ok(new SegmentCount().segmentId(segmentId).count(count)
                .countedAt(OffsetDateTime.now(ZoneOffset.UTC))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response checkSegmentMembership(UUID segmentId, MembershipCheck check) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        return Response.ok(new MembershipCheckResult().segmentId(segmentId)
                .memberIds(segments.members(segment, check.getMemberIds()))).build();
    }

    private static io.kogu.audience.api.model.Segment toApi(Segment segment) {
        Condition rule = segment.rule;
        return new io.kogu.audience.api.model.Segment()
                .id(segment.id)
                .name(segment.name)
                .description(segment.description)
                .rule(new SegmentRule().field(SegmentRule.FieldEnum.fromValue(rule.field()))
                        .operator(SegmentRule.OperatorEnum.fromValue(rule.operator())).values(rule.values()))
                .version(segment.version)
                .createdAt(segment.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(segment.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
