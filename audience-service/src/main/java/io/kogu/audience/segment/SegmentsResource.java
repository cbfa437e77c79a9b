package io.kogu.audience.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.SegmentsApi;
import io.kogu.audience.api.model.MemberPage;
import io.kogu.audience.api.model.MembershipCheck;
import io.kogu.audience.api.model.MembershipCheckResult;
import io.kogu.audience.api.model.SegmentCount;
import io.kogu.audience.api.model.SegmentInput;
import io.kogu.audience.api.model.SegmentKind;
import io.kogu.audience.api.model.SegmentMemberChange;
import io.kogu.audience.api.model.SegmentMemberChangeResult;
import io.kogu.audience.api.model.SegmentPage;
import io.kogu.audience.api.model.SegmentPreview;
import io.kogu.audience.api.model.SegmentPreviewInput;
import io.kogu.audience.member.MemberMapper;
import io.kogu.audience.member.MemberService;
import io.kogu.audience.segment.rule.RuleCompiler.Compiled;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.kogu.audience.api.model.SegmentSizeHistory;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

public class SegmentsResource implements SegmentsApi {

    private static final int DEFAULT_SAMPLE = 10;

    @Inject
    SegmentService segments;

    @Inject
    MemberService members;

    @Inject
    SegmentSizes sizes;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createSegment(SegmentInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createSegment", input, () -> {
            Segment segment = segments.create(caller.workspaceId(), definitionOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(segment.id.toString()).build())
                    .tag(Versions.etag(segment.version)).entity(toApi(segment)).build();
        });
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateSegment(UUID segmentId, SegmentInput input, String ifMatch) {
        Segment segment = segments.update(caller.workspaceId(), segmentId, ifMatch, definitionOf(input));
        return Response.ok(toApi(segment)).tag(Versions.etag(segment.version)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getSegment(UUID segmentId) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        return Response.ok(toApi(segment)).tag(Versions.etag(segment.version)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listSegments(Integer limit, String cursor, List<UUID> ids) {
        Page<io.kogu.audience.api.model.Segment> page = segments
                .list(caller.workspaceId(), ids, Keyset.of(cursor, limit))
                .map(SegmentsResource::toApi);
        return Response.ok(new SegmentPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response previewSegment(SegmentPreviewInput input) {
        String workspaceId = caller.workspaceId();
        OffsetDateTime countedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Compiled predicate = segments.predicate(workspaceId, input.getRule());
        int sampleSize = input.getSampleSize() == null ? DEFAULT_SAMPLE : input.getSampleSize();
        List<UUID> sample = sampleSize == 0 ? List.of() : segments.page(workspaceId, predicate, new Keyset(null, sampleSize))
                .items().stream().map(PageCursor::id).toList();
        return Response.ok(new SegmentPreview().count(segments.count(workspaceId, predicate)).countedAt(countedAt)
                .sample(members.load(workspaceId, sample).stream().map(MemberMapper::toApi).toList())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response countSegment(UUID segmentId) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        OffsetDateTime countedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long count = segments.count(segment.workspaceId, segments.predicate(segment));
        return Response.ok(new SegmentCount().segmentId(segmentId).count(count).countedAt(countedAt)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listSegmentMembers(UUID segmentId, Integer limit, String cursor) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        Page<UUID> page = segments.page(segment.workspaceId, segments.predicate(segment), Keyset.of(cursor, limit))
                .map(PageCursor::id);
        List<UUID> ids = page.items();
        return Response.ok(new MemberPage().nextCursor(page.nextCursor())
                .items(members.load(segment.workspaceId, ids).stream().map(MemberMapper::toApi).toList())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response exportSegment(UUID segmentId, String format) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        Compiled predicate = segments.predicate(segment);
        String mediaType = io.kogu.platform.web.ExportFormat.choose(format, headers, io.kogu.platform.web.ExportFormat.NDJSON)
                .mediaType();
        StreamingOutput body = output -> {
            try (MemberExport export = new MemberExport(mediaType, output, json)) {
                segments.stream(segment.workspaceId, predicate, row -> export.write(MemberRows.read(row, json)));
            } catch (java.io.IOException | io.kogu.platform.problem.ProblemException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.IOException("Exporting a segment failed", e);
            }
        };
        return Response.ok(body, mediaType).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listSegmentSizes(UUID segmentId, LocalDate from, LocalDate to) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        return Response.ok(new SegmentSizeHistory().segmentId(segmentId).items(sizes.history(segment, from, to).stream()
                .map(size -> new io.kogu.audience.api.model.SegmentSize().day(size.day()).size(size.size())).toList()))
                .build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response addSegmentMembers(UUID segmentId, SegmentMemberChange change) {
        long added = segments.add(caller.workspaceId(), segmentId, change.getMemberIds());
        return Response.ok(new SegmentMemberChangeResult().segmentId(segmentId).changed(added)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response removeSegmentMembers(UUID segmentId, SegmentMemberChange change) {
        long removed = segments.remove(caller.workspaceId(), segmentId, change.getMemberIds());
        return Response.ok(new SegmentMemberChangeResult().segmentId(segmentId).changed(removed)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response checkSegmentMembership(UUID segmentId, MembershipCheck check) {
        Segment segment = segments.get(caller.workspaceId(), segmentId);
        return Response.ok(new MembershipCheckResult().segmentId(segmentId)
                .memberIds(segments.members(segment, check.getMemberIds()))).build();
    }

    private static SegmentService.Definition definitionOf(SegmentInput input) {
        String kind = input.getKind() == null ? Segment.DYNAMIC : input.getKind().toString();
        return new SegmentService.Definition(input.getName(), input.getDescription(), kind,
                input.getRule() == null || input.getRule().isNull() ? null : input.getRule());
    }

    private static io.kogu.audience.api.model.Segment toApi(Segment segment) {
        return new io.kogu.audience.api.model.Segment()
                .id(segment.id)
                .name(segment.name)
                .description(segment.description)
                .kind(SegmentKind.fromValue(segment.kind))
                .rule(segment.rule)
                .version(segment.version)
                .createdAt(segment.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(segment.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
