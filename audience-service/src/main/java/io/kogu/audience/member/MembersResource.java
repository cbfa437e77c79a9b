package io.kogu.audience.member;

import io.kogu.audience.api.MembersApi;
import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.MemberPage;
import io.kogu.audience.api.model.Network;
import io.kogu.audience.api.model.Relationship;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.time.ZoneOffset;
import java.util.UUID;

public class MembersResource implements MembersApi {

    @Inject
    MemberService members;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.INTEGRATION})
    public Response createMember(MemberInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createMember", input, () -> {
            Member member = members.create(caller.workspaceId(), input);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(member.id.toString()).build())
                    .tag(Versions.etag(member.version)).entity(toApi(member)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response getMember(UUID memberId) {
        Member member = members.get(caller.workspaceId(), memberId);
        return Response.ok(toApi(member)).tag(Versions.etag(member.version)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION, Roles.SERVICE})
    public Response listMembers(Integer limit, String cursor, String country) {
        Page<io.kogu.audience.api.model.Member> page = members
                .list(caller.workspaceId(), country, PageCursor.decode(cursor), PageCursor.limit(limit))
                .map(MembersResource::toApi);
        return Response.ok(new MemberPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    static io.kogu.audience.api.model.Member toApi(Member member) {
        return new io.kogu.audience.api.model.Member()
                .id(member.id)
                .displayName(member.displayName)
                .email(member.email)
                .country(member.country)
                .relationship(Relationship.fromValue(member.relationship))
                .handles(member.handles.stream()
                        .map(h -> new Handle().network(Network.fromValue(h.network)).handle(h.handle)).toList())
                .tags(member.tags)
                .version(member.version)
                .createdAt(member.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(member.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
