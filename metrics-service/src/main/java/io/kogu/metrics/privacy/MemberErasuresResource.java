package io.kogu.metrics.privacy;

import io.kogu.metrics.api.PrivacyApi;
import io.kogu.metrics.api.model.ActorHandle;
import io.kogu.platform.problem.ProblemException;
import io.kogu.metrics.api.model.MemberErasure;
import io.kogu.metrics.api.model.MemberErasureResult;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.List;

public class MemberErasuresResource implements PrivacyApi {

    @Inject
    MemberErasures erasures;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    public Response receiveMemberErasure(MemberErasure erasure) {
        List<ActorHandle> handles = erasure.getHandles() == null ? List.of() : erasure.getHandles();
        for (int i = 0; i < handles.size(); i++) {
            if (handles.get(i) == null) {
                throw ProblemException.invalid("handles[" + i + "]", "must be a handle {network, handle}, not null");
            }
        }
        long anonymized = erasures.erase(caller.workspaceId(), erasure.getEventId(), erasure.getMemberId(),
                handles);
        return Response.ok(new MemberErasureResult().eventId(erasure.getEventId()).eventsAnonymized(anonymized)).build();
    }
}
