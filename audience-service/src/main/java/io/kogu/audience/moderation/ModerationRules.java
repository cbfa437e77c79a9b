package io.kogu.audience.moderation;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A workspace's moderation rules: create, replace, delete, in order; and the log of their applications. */
@ApplicationScoped
public class ModerationRules {

    /** Rules are few and all applied to every item: a bound keeps decide() and the unpaged list small. */
    static final int MAX_RULES = 100;

    static final Set<String> ACTION_TYPES = Set.of("mark_spam", "hide", "assign", "tag", "raise_priority", "alert");

    /** What a rule is made of, as the API gives it; position null means "last" (create) or "where it is" (replace). */
    public record Definition(String name, boolean enabled, Integer position, RuleConditions conditions,
                             List<ModerationAction> actions) {
    }

    @Transactional
    public ModerationRuleEntity create(String workspaceId, Definition definition) {
        check(definition);
        if (ModerationRuleEntity.count("workspaceId", workspaceId) >= MAX_RULES) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "A workspace has at most " + MAX_RULES
                    + " moderation rules; delete or merge some first");
        }
        ModerationRuleEntity rule = new ModerationRuleEntity();
        rule.id = UUID.randomUUID();
        rule.workspaceId = workspaceId;
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        rule.position = definition.position() != null ? definition.position() : nextPosition(workspaceId);
        apply(rule, definition);
        rule.persist();
        return rule;
    }

    @Transactional
    public ModerationRuleEntity replace(String workspaceId, UUID ruleId, String ifMatch, Definition definition) {
        ModerationRuleEntity rule = get(workspaceId, ruleId);
        Versions.requireMatch(ifMatch, rule.version);
        check(definition);
        if (definition.position() != null) {
            rule.position = definition.position();
        }
        apply(rule, definition);
        rule.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ModerationRuleEntity.getEntityManager().flush();
        return rule;
    }

    @Transactional
    public void delete(String workspaceId, UUID ruleId, String ifMatch) {
        ModerationRuleEntity rule = get(workspaceId, ruleId);
        Versions.requireMatch(ifMatch, rule.version);
        rule.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ModerationRuleEntity get(String workspaceId, UUID ruleId) {
        return ModerationRuleEntity.<ModerationRuleEntity>find("id = ?1 and workspaceId = ?2", ruleId, workspaceId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("moderation rule", ruleId));
    }

    /** All the workspace's rules in the order they are applied. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ModerationRuleEntity> inOrder(String workspaceId) {
        return ModerationRuleEntity.list("workspaceId = ?1 order by position, createdAt, id", workspaceId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ModerationLogRecord> log(String workspaceId, UUID ruleId, Keyset keyset) {
        Parameters parameters = Parameters.with("workspace", workspaceId);
        String where = "workspaceId = :workspace";
        if (ruleId != null) {
            get(workspaceId, ruleId);
            where += " and ruleId = :rule";
            parameters.and("rule", ruleId);
        }
        return keyset.find(where, parameters, "", (q, values) -> ModerationLogRecord.<ModerationLogRecord>find(q, values),
                r -> new PageCursor(r.createdAt, r.id));
    }

    /** Logs that a rule was applied to an item (in the caller's transaction: the log and the item agree). */
    @Transactional
    public void logApplication(String workspaceId, ModerationRuleEntity rule, IncomingItem item, double spamScore,
                               boolean spam) {
        ModerationLogRecord record = new ModerationLogRecord();
        record.id = UUID.randomUUID();
        record.workspaceId = workspaceId;
        record.ruleId = rule.id;
        record.ruleName = rule.name;
        record.network = item.network();
        record.channelId = item.channelId();
        record.kind = item.kind();
        record.spamScore = spamScore;
        record.spam = spam;
        record.actions = List.copyOf(rule.actions);
        record.occurredAt = item.occurredAt() == null ? null : item.occurredAt().truncatedTo(ChronoUnit.MICROS);
        record.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record.persist();
    }

    private static void apply(ModerationRuleEntity rule, Definition definition) {
        rule.name = definition.name();
        rule.enabled = definition.enabled();
        rule.conditions = definition.conditions();
        rule.actions = List.copyOf(definition.actions());
        if (rule.updatedAt == null) {
            rule.updatedAt = rule.createdAt;
        }
    }

    private static int nextPosition(String workspaceId) {
        Integer last = ModerationRuleEntity.getEntityManager()
                .createQuery("select max(r.position) from ModerationRuleEntity r where r.workspaceId = :workspace", Integer.class)
                .setParameter("workspace", workspaceId).getSingleResult();
        return last == null ? 0 : Math.min(10_000, last + 1);
    }

    /** What the contract cannot say: at least one condition, and a value where the action needs one. */
    private static void check(Definition definition) {
        List<FieldError> errors = new ArrayList<>();
        if (definition.conditions() == null || definition.conditions().noneGiven()) {
            errors.add(new FieldError("conditions", "needs at least one condition (a rule that matches everything is a mistake)"));
        }
        for (int i = 0; i < definition.actions().size(); i++) {
            ModerationAction action = definition.actions().get(i);
            boolean needsValue = action.type().equals("assign") || action.type().equals("tag");
            boolean takesValue = needsValue || action.type().equals("raise_priority");
            if (needsValue && (action.value() == null || action.value().isBlank())) {
                errors.add(new FieldError("actions[" + i + "].value", "is required for " + action.type()));
            } else if (!takesValue && action.value() != null) {
                errors.add(new FieldError("actions[" + i + "].value", action.type() + " takes no value"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The moderation rule cannot be applied as written", errors);
        }
    }
}
