package io.kogu.audience.reply;

import io.kogu.audience.api.model.SavedReplyInput;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Saved replies of a workspace: one name each, fields checked on save, changes by version. */
@ApplicationScoped
public class SavedReplyService {

    @Inject
    Clock clock;

    @Transactional
    public SavedReply create(String workspaceId, SavedReplyInput input) {
        ReplyTemplate.fields(input.getText());
        requireFreeName(workspaceId, input.getName(), null);
        SavedReply saved = new SavedReply();
        saved.id = UUID.randomUUID();
        saved.workspaceId = workspaceId;
        saved.name = input.getName();
        saved.text = input.getText();
        saved.createdAt = now();
        saved.updatedAt = saved.createdAt;
        saved.persist();
        return saved;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SavedReply get(String workspaceId, UUID id) {
        return SavedReply.<SavedReply>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("saved reply", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SavedReply> list(String workspaceId, Keyset keyset) {
        return keyset.find("workspaceId = :workspace", Parameters.with("workspace", workspaceId), "",
                (q, p) -> SavedReply.<SavedReply>find(q, p), s -> new PageCursor(s.createdAt, s.id));
    }

    @Transactional
    public SavedReply update(String workspaceId, UUID id, String ifMatch, SavedReplyInput input) {
        SavedReply saved = get(workspaceId, id);
        Versions.requireMatch(ifMatch, saved.version);
        ReplyTemplate.fields(input.getText());
        if (saved.name.equals(input.getName()) && saved.text.equals(input.getText())) {
            return saved;
        }
        requireFreeName(workspaceId, input.getName(), id);
        saved.name = input.getName();
        saved.text = input.getText();
        saved.updatedAt = now();
        SavedReply.flush();
        return saved;
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        SavedReply saved = get(workspaceId, id);
        Versions.requireMatch(ifMatch, saved.version);
        saved.delete();
    }

    private void requireFreeName(String workspaceId, String name, UUID except) {
        boolean taken = SavedReply.count("workspaceId = ?1 and name = ?2 and id <> ?3", workspaceId, name,
                except == null ? new UUID(0, 0) : except) > 0;
        if (taken) {
            throw new ProblemException(ProblemType.CONFLICT, "Another saved reply is called '" + name + "'");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
