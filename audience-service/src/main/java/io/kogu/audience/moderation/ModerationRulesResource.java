package io.kogu.audience.moderation;

import io.kogu.audience.api.ModerationApi;
import io.kogu.audience.api.model.ModerationActionType;
import io.kogu.audience.api.model.ModerationLogEntry;
import io.kogu.audience.api.model.ModerationLogPage;
import io.kogu.audience.api.model.ModerationRule;
import io.kogu.audience.api.model.ModerationRuleAction;
import io.kogu.audience.api.model.ModerationRuleConditions;
import io.kogu.audience.api.model.ModerationRuleInput;
import io.kogu.audience.api.model.ModerationRuleList;
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

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** {@code /v1/moderation-rules} and {@code /v1/moderation-log}: maps between the API and {@link ModerationRules}. */
public class ModerationRulesResource implements ModerationApi {

    @Inject
    ModerationRules rules;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listModerationRules() {
        return Response.ok(new ModerationRuleList().items(
                rules.inOrder(caller.workspaceId()).stream().map(ModerationRulesResource::toApi).toList())).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createModerationRule(ModerationRuleInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createModerationRule", input, () -> {
            ModerationRuleEntity rule = rules.create(caller.workspaceId(), definitionOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(rule.id.toString()).build())
                    .tag(Versions.etag(rule.version)).entity(toApi(rule)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getModerationRule(UUID ruleId) {
        ModerationRuleEntity rule = rules.get(caller.workspaceId(), ruleId);
        return Response.ok(toApi(rule)).tag(Versions.etag(rule.version)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateModerationRule(UUID ruleId, ModerationRuleInput input, String ifMatch) {
        ModerationRuleEntity rule = rules.replace(caller.workspaceId(), ruleId, ifMatch, definitionOf(input));
        return Response.ok(toApi(rule)).tag(Versions.etag(rule.version)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response deleteModerationRule(UUID ruleId, String ifMatch) {
        rules.delete(caller.workspaceId(), ruleId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listModerationRuleLog(UUID ruleId, Integer limit, String cursor) {
        return logPage(ruleId, limit, cursor);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listModerationLog(Integer limit, String cursor) {
        return logPage(null, limit, cursor);
    }

    private Response logPage(UUID ruleId, Integer limit, String cursor) {
        Page<ModerationLogEntry> page = rules.log(caller.workspaceId(), ruleId, Keyset.of(cursor, limit))
                .map(ModerationRulesResource::toApi);
        return Response.ok(new ModerationLogPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    private static ModerationRules.Definition definitionOf(ModerationRuleInput input) {
        ModerationRuleConditions c = input.getConditions();
        RuleConditions conditions = new RuleConditions(c.getSpamScoreAtLeast(), c.getContainsLink(), c.getPromoCode(),
                emptyToNull(c.getKeywords()), c.getOnlyEmoji(), emptyToNull(c.getAuthors()));
        List<ModerationAction> actions = input.getActions().stream()
                .map(a -> new ModerationAction(a.getType().toString(), a.getValue())).toList();
        return new ModerationRules.Definition(input.getName(), input.getEnabled() == null || input.getEnabled(),
                input.getPosition(), conditions, actions);
    }

    private static List<String> emptyToNull(List<String> values) {
        return values == null || values.isEmpty() ? null : List.copyOf(values);
    }

    private static ModerationRule toApi(ModerationRuleEntity rule) {
        RuleConditions c = rule.conditions;
        return new ModerationRule().id(rule.id).name(rule.name).enabled(rule.enabled).position(rule.position)
                .conditions(new ModerationRuleConditions().spamScoreAtLeast(c.spamScoreAtLeast())
                        .containsLink(c.containsLink()).promoCode(c.promoCode()).keywords(c.keywords())
                        .onlyEmoji(c.onlyEmoji()).authors(c.authors()))
                .actions(actionsToApi(rule.actions)).version(rule.version)
                .createdAt(rule.createdAt.atOffset(ZoneOffset.UTC)).updatedAt(rule.updatedAt.atOffset(ZoneOffset.UTC));
    }

    private static List<ModerationRuleAction> actionsToApi(List<ModerationAction> actions) {
        return actions.stream().map(a -> new ModerationRuleAction().type(ModerationActionType.fromValue(a.type()))
                .value(a.value())).toList();
    }

    private static ModerationLogEntry toApi(ModerationLogRecord record) {
        return new ModerationLogEntry().id(record.id).ruleId(record.ruleId).ruleName(record.ruleName)
                .network(record.network).channelId(record.channelId).kind(record.kind).spamScore(record.spamScore)
                .spam(record.spam).actions(actionsToApi(record.actions))
                .occurredAt(record.occurredAt == null ? null : record.occurredAt.atOffset(ZoneOffset.UTC))
                .appliedAt(record.createdAt.atOffset(ZoneOffset.UTC));
    }
}
