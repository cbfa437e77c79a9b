package io.kogu.audience.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.MembersApi;
import io.kogu.audience.imports.ImportMapper;
import io.kogu.audience.imports.ImportService;
import io.kogu.audience.imports.MemberImport;
import io.kogu.audience.segment.MemberExport;
import io.kogu.audience.segment.MemberRows;
import io.kogu.audience.segment.SegmentService;
import io.kogu.audience.segment.rule.RuleCompiler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.File;
import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.MemberPage;
import io.kogu.audience.api.model.Network;
import io.kogu.audience.api.model.Relationship;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

public class MembersResource implements MembersApi {

    @Inject
    MemberService members;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    ImportService imports;

    @Inject
    SegmentService segments;

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response createMember(MemberInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createMember", input, () -> {
            Member member = members.create(caller.workspaceId(), input);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(member.id.toString()).build())
                    .tag(Versions.etag(member.version)).entity(MemberMapper.toApi(member)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response getMember(UUID memberId) {
        Member member = members.get(caller.workspaceId(), memberId);
        return Response.ok(MemberMapper.toApi(member)).tag(Versions.etag(member.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response updateMember(UUID memberId, MemberInput input, String ifMatch) {
        Member member = members.update(caller.workspaceId(), memberId, ifMatch, input);
        return Response.ok(MemberMapper.toApi(member)).tag(Versions.etag(member.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response upsertMemberByHandle(Network network, String handle, MemberInput input, String ifMatch) {
        MemberService.Upserted upserted = members.upsertByHandle(caller.workspaceId(), network.toString(), handle,
                ifMatch, input);
        Member member = upserted.member();
        Response.ResponseBuilder response = upserted.created()
                ? Response.created(uriInfo.getBaseUriBuilder().path("v1/members").path(member.id.toString()).build())
                : Response.ok();
        return response.tag(Versions.etag(member.version)).entity(MemberMapper.toApi(member)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response importMembers(File body) {
        String format = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf("text/csv"))
                ? ImportService.CSV : ImportService.NDJSON;
        MemberImport job = imports.start(caller.workspaceId(), format, body.toPath());
        return Response.accepted(ImportMapper.toApi(job))
                .location(uriInfo.getBaseUriBuilder().path("v1/member-imports").path(job.id.toString()).build()).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response getMemberImport(UUID importId) {
        return Response.ok(ImportMapper.toApi(imports.get(caller.workspaceId(), importId))).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response exportMembers(String format) {
        String workspaceId = caller.workspaceId();
        String mediaType = io.kogu.platform.web.ExportFormat.choose(format, headers, io.kogu.platform.web.ExportFormat.NDJSON)
                .mediaType();
        StreamingOutput body = output -> {
            try (MemberExport export = new MemberExport(mediaType, output, json)) {
                segments.stream(workspaceId, RuleCompiler.Compiled.everyone(), row -> export.write(MemberRows.read(row, json)));
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.IOException("Exporting members failed", e);
            }
        };
        return Response.ok(body, mediaType).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response listMembers(Integer limit, String cursor, String country, Relationship relationship, String tag,
                                Network network, String q) {
        MemberService.Filter filter = new MemberService.Filter(country,
                relationship == null ? null : relationship.toString(), tag, network == null ? null : network.toString(), q);
        Page<io.kogu.audience.api.model.Member> page = members
                .list(caller.workspaceId(), filter, Keyset.of(cursor, limit))
                .map(MemberMapper::toApi);
        return Response.ok(new MemberPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    // lane collect (issue 12): resolve-handles.
    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response resolveMemberHandles(io.kogu.audience.api.model.HandleResolution input) {
        boolean create = input.getCreateMissingAs() != null;
        if (create && !(caller.hasRole(Roles.EDITOR) || caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.INTEGRATION)
                || caller.hasRole(Roles.SERVICE))) {
            throw new io.kogu.platform.problem.ProblemException(io.kogu.platform.problem.ProblemType.FORBIDDEN,
                    "Only editors, admins, integrations and services may create members (createMissingAs)");
        }
        java.util.List<HandleResolver.Asked> asked = input.getHandles().stream()
                .map(h -> new HandleResolver.Asked(h.getNetwork().toString(), h.getHandle())).toList();
        java.util.List<io.kogu.audience.api.model.ResolvedHandle> items = resolver
                .resolve(caller.workspaceId(), asked, create).stream()
                .map(r -> new io.kogu.audience.api.model.ResolvedHandle()
                        .network(Network.fromValue(r.asked().network())).handle(r.asked().handle())
                        .memberId(r.memberId()).created(r.created()))
                .toList();
        return Response.ok(new io.kogu.audience.api.model.HandleResolutionResult().items(items)).build();
    }

    @Inject
    HandleResolver resolver;

    // lane collect (issue 12): member-engagement from metrics-service.
    @Override
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    public Response recordMemberEngagement(io.kogu.audience.api.model.MemberEngagementBatch input) {
        java.util.List<MemberEngagement.Item> items = input.getItems().stream()
                .map(i -> new MemberEngagement.Item(i.getMemberId(),
                        i.getLastInteractionAt() == null ? null : i.getLastInteractionAt().toInstant(),
                        i.getLast30d(), i.getLast90d()))
                .toList();
        int updated = engagement.record(caller.workspaceId(), items);
        return Response.ok(new io.kogu.audience.api.model.MemberEngagementResult().updated(updated)
                .skipped(items.size() - updated)).build();
    }

    @Inject
    MemberEngagement engagement;
}
