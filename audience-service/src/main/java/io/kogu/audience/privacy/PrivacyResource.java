package io.kogu.audience.privacy;

import io.kogu.audience.api.PrivacyApi;
import io.kogu.audience.api.model.MemberDataExport;
import io.kogu.audience.api.model.MemberErasureRecord;
import io.kogu.audience.api.model.SegmentReference;
import io.kogu.audience.member.MemberMapper;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

public class PrivacyResource implements PrivacyApi {

    @Inject
    PrivacyService privacy;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response eraseMember(UUID memberId) {
        MemberErasure erasure = privacy.erase(caller.workspaceId(), memberId, caller.subject());
        return Response.ok(new MemberErasureRecord().memberId(erasure.memberId).eventId(erasure.eventId)
                .erasedAt(erasure.erasedAt.atOffset(ZoneOffset.UTC))).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response exportMemberData(UUID memberId) {
        PrivacyService.MemberData data = privacy.export(caller.workspaceId(), memberId);
        return Response.ok(new MemberDataExport().member(MemberMapper.toApi(data.member()))
                .staticSegments(data.staticSegments().stream()
                        .map(s -> new SegmentReference().id(s.id).name(s.name)).toList())
                .exportedAt(OffsetDateTime.now(ZoneOffset.UTC))).build();
    }
}
