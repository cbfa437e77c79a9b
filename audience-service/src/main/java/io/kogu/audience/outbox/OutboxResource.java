package io.kogu.audience.outbox;

import io.kogu.audience.api.OutboxApi;
import io.kogu.audience.api.model.OutboxDeadLetter;
import io.kogu.audience.api.model.OutboxDeadLetterPage;
import io.kogu.platform.outbox.OutboxAdmin;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;
import java.util.UUID;

/** The workspace's outbox dead letters (platform OutboxAdmin), for admins. */
public class OutboxResource implements OutboxApi {

    @Inject
    OutboxAdmin admin;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response listOutboxDeadLetters(Integer limit, String cursor) {
        Page<OutboxDeadLetter> page = admin.deadLetters(caller.workspaceId(), PageCursor.decode(cursor), PageCursor.limit(limit))
                .map(letter -> new OutboxDeadLetter().id(letter.id()).eventType(letter.eventType())
                        .createdAt(letter.createdAt().atOffset(ZoneOffset.UTC)).attempts(letter.attempts())
                        .lastError(letter.lastError()).deadAt(letter.deadAt().atOffset(ZoneOffset.UTC)));
        return Response.ok(new OutboxDeadLetterPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response retryOutboxDeadLetter(UUID eventId) {
        admin.retry(caller.workspaceId(), eventId);
        return Response.noContent().build();
    }
}
