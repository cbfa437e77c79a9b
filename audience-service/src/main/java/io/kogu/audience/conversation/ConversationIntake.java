package io.kogu.audience.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.model.ConversationItemInput;
import io.kogu.audience.api.model.ConversationItemMedia;
import io.kogu.audience.member.HandleResolver;
import io.kogu.audience.moderation.IncomingItem;
import io.kogu.audience.moderation.Moderation;
import io.kogu.audience.moderation.ModerationDecision;
import io.kogu.audience.outbox.InboxActivityDelivery;
import io.kogu.platform.text.Handles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes in items from the networks (POST /v1/conversation-items, INTERFACES.md A): idempotent per (workspace,
 * network, externalId), authors resolved to members as resolve-handles does, grouped into conversations, scored by
 * the moderation whose decision is applied, and handed to metrics-service through the outbox — all in one
 * transaction per batch.
 */
@ApplicationScoped
public class ConversationIntake {

    /** What became of one item. */
    public record Result(String externalId, UUID itemId, UUID conversationId, boolean created) {
    }

    static final int LAST_TEXT = 280;

    @Inject
    EntityManager entityManager;

    @Inject
    HandleResolver handles;

    @Inject
    Moderation moderation;

    @Inject
    ModerationActions moderationActions;

    @Inject
    HistoryLog history;

    @Inject
    InboxActivityDelivery activity;

    @Inject
    ObjectMapper json;

    @Transactional
    public List<Result> receive(String workspaceId, List<ConversationItemInput> inputs, String actor) {
        Map<String, Result> known = known(workspaceId, inputs);
        Map<String, UUID> members = authors(workspaceId, inputs);
        List<Result> results = new ArrayList<>(inputs.size());
        List<Map<String, Object>> activityItems = new ArrayList<>();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (ConversationItemInput input : inputs) {
            String key = itemKey(input.getNetwork().toString(), input.getExternalId());
            Result earlier = known.get(key);
            if (earlier != null) {
                results.add(new Result(input.getExternalId(), earlier.itemId(), earlier.conversationId(), false));
                continue;
            }
            Result created = take(workspaceId, input, members.get(authorKey(input)), actor, activityItems, answers);
            known.put(key, new Result(created.externalId(), created.itemId(), created.conversationId(), false));
            results.add(created);
        }
        activity.write(workspaceId, activityItems, answers);
        return results;
    }

    private Result take(String workspaceId, ConversationItemInput input, UUID memberId, String actor,
                        List<Map<String, Object>> activityItems, List<Map<String, Object>> answers) {
        Instant now = history.now();
        Instant occurredAt = input.getOccurredAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        boolean fromUs = Boolean.TRUE.equals(input.getFromUs());
        String network = input.getNetwork().toString();
        boolean directMessage = "direct_message".equals(input.getKind().toString());
        ModerationDecision decision = fromUs ? new ModerationDecision(0, false, List.of())
                : moderation.decide(workspaceId, new IncomingItem(network, input.getChannelId().toString(),
                        input.getKind().toString(), input.getAuthorHandle(), input.getText(), mediaUrls(input),
                        occurredAt));

        Conversation conversation = conversation(workspaceId, input, directMessage, fromUs ? null : memberId, now,
                occurredAt, actor);
        ConversationItem item = new ConversationItem();
        item.id = UUID.randomUUID();
        item.workspaceId = workspaceId;
        item.conversationId = conversation.id;
        item.network = network;
        item.channelId = input.getChannelId();
        item.externalId = input.getExternalId();
        item.kind = input.getKind().toString();
        item.parentExternalId = input.getParentExternalId();
        item.rootExternalId = input.getRootExternalId();
        item.publicationId = input.getPublicationId();
        item.authorHandle = input.getAuthorHandle().strip();
        item.authorName = input.getAuthorName();
        item.authorExternalId = input.getAuthorExternalId();
        item.memberId = fromUs ? null : memberId;
        item.text = input.getText();
        item.media = media(input);
        item.url = input.getUrl();
        item.occurredAt = occurredAt;
        item.fromUs = fromUs;
        item.spamScore = decision.spamScore();
        item.createdAt = now;
        item.persist();

        conversation.itemCount++;
        if (!occurredAt.isBefore(conversation.lastItemAt) || conversation.itemCount == 1) {
            conversation.lastItemAt = occurredAt;
            conversation.lastText = ConversationText.cut(item.text, LAST_TEXT);
            conversation.lastAuthorHandle = item.authorHandle;
        }
        if (occurredAt.isBefore(conversation.firstItemAt)) {
            conversation.firstItemAt = occurredAt;
        }
        conversation.searchText = ConversationText.append(conversation.searchText, item.text, item.authorHandle,
                item.authorName);
        conversation.spamScore = Math.max(conversation.spamScore, decision.spamScore());
        conversation.updatedAt = now;
        if (fromUs) {
            answered(conversation, occurredAt, "inbox", answers);
        } else {
            waiting(conversation, occurredAt);
            moderationActions.apply(conversation, item, decision);
            activityItems.add(activityItem(conversation, item));
        }
        return new Result(input.getExternalId(), item.id, conversation.id, true);
    }

    /** A fan wrote: something waits for an answer, and a pending or closed conversation is open again. */
    private void waiting(Conversation conversation, Instant occurredAt) {
        if (conversation.waitingSince == null || occurredAt.isBefore(conversation.waitingSince)) {
            conversation.waitingSince = occurredAt;
        }
        if (!Conversation.OPEN.equals(conversation.state)) {
            history.write(conversation, "reopened", "inbox", true, conversation.state, Conversation.OPEN, null);
            conversation.state = Conversation.OPEN;
            conversation.closedAt = null;
        }
    }

    /**
     * We answered at {@code answeredAt} (a reply published, or our own item collected back): the first response
     * time is stamped once, nothing waits any more, and an open conversation waits for the fan.
     */
    public void answered(Conversation conversation, Instant answeredAt, String actor, List<Map<String, Object>> answers) {
        if (conversation.firstResponseAt == null) {
            conversation.firstResponseAt = answeredAt;
        }
        conversation.waitingSince = null;
        if (Conversation.OPEN.equals(conversation.state)) {
            history.write(conversation, "state", actor, true, conversation.state, Conversation.PENDING, null);
            conversation.state = Conversation.PENDING;
        }
        history.write(conversation, "answered", actor, true, null, answeredAt.toString(), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conversationId", conversation.id.toString());
        answer.put("channelId", conversation.channelId.toString());
        answer.put("answeredAt", answeredAt.toString());
        answers.add(answer);
    }

    private Map<String, Object> activityItem(Conversation conversation, ConversationItem item) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("itemId", item.id.toString());
        fact.put("conversationId", conversation.id.toString());
        fact.put("channelId", item.channelId.toString());
        fact.put("network", item.network);
        fact.put("kind", item.kind);
        fact.put("spam", conversation.spam);
        fact.put("tags", List.copyOf(conversation.tags));
        fact.put("text", ConversationText.cut(item.text, 2000));
        fact.put("occurredAt", item.occurredAt.toString());
        return fact;
    }

    /**
     * The conversation the item belongs to, created when it is the first: by its root, else by its parent's
     * conversation, else the item begins one; direct messages by channel and the fan's handle. The row is locked, so
     * that batches adding to the same conversation at once count every item.
     */
    private Conversation conversation(String workspaceId, ConversationItemInput input, boolean directMessage,
                                      UUID memberId, Instant now, Instant occurredAt, String actor) {
        String network = input.getNetwork().toString();
        String groupKey;
        if (directMessage) {
            groupKey = "dm:" + input.getChannelId() + ":" + Handles.normalize(network, input.getAuthorHandle());
        } else if (input.getRootExternalId() != null) {
            groupKey = input.getRootExternalId();
        } else {
            groupKey = parentGroup(workspaceId, network, input.getParentExternalId());
            if (groupKey == null) {
                groupKey = input.getExternalId();
            }
        }
        UUID id = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                        insert into conversation (id, workspace_id, channel_id, network, kind, group_key, publication_id,
                            member_id, state, priority, tags, first_item_at, last_item_at, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', 'normal', '{}', ?9, ?9, ?10, ?10)
                        on conflict (workspace_id, network, group_key) do nothing""")
                .setParameter(1, id).setParameter(2, workspaceId).setParameter(3, input.getChannelId())
                .setParameter(4, network).setParameter(5, directMessage ? Conversation.DIRECT_MESSAGE : Conversation.THREAD)
                .setParameter(6, groupKey).setParameter(7, input.getPublicationId()).setParameter(8, memberId)
                .setParameter(9, occurredAt).setParameter(10, now).executeUpdate();
        Conversation conversation = Conversation.<Conversation>find(
                        "workspaceId = ?1 and network = ?2 and groupKey = ?3", workspaceId, network, groupKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (inserted == 1) {
            conversation.itemCount = 0;
            history.write(conversation, "created", actor, false, null, null, null);
        } else {
            if (conversation.publicationId == null) {
                conversation.publicationId = input.getPublicationId();
            }
            if (conversation.memberId == null) {
                conversation.memberId = memberId;
            }
        }
        return conversation;
    }

    private String parentGroup(String workspaceId, String network, String parentExternalId) {
        if (parentExternalId == null) {
            return null;
        }
        List<?> rows = entityManager.createNativeQuery("""
                        select c.group_key from conversation_item i join conversation c on c.id = i.conversation_id
                        where i.workspace_id = ?1 and i.network = ?2 and i.external_id = ?3""")
                .setParameter(1, workspaceId).setParameter(2, network).setParameter(3, parentExternalId)
                .getResultList();
        return rows.isEmpty() ? parentExternalId : (String) rows.get(0);
    }

    /** The items of the batch that are known already, by (network, externalId). */
    private Map<String, Result> known(String workspaceId, List<ConversationItemInput> inputs) {
        String[] networks = inputs.stream().map(i -> i.getNetwork().toString()).toArray(String[]::new);
        String[] externalIds = inputs.stream().map(ConversationItemInput::getExternalId).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select i.network, i.external_id, i.id, i.conversation_id from conversation_item i
                        join unnest(cast(?2 as text[]), cast(?3 as text[])) as a(network, external_id)
                          on a.network = i.network and a.external_id = i.external_id
                        where i.workspace_id = ?1""")
                .setParameter(1, workspaceId).setParameter(2, networks).setParameter(3, externalIds).getResultList();
        Map<String, Result> known = new HashMap<>();
        for (Object[] row : rows) {
            known.put(itemKey((String) row[0], (String) row[1]),
                    new Result((String) row[1], (UUID) row[2], (UUID) row[3], false));
        }
        return known;
    }

    /** The fans' handles to members (unknown handles become potential fans), one call for the batch. */
    private Map<String, UUID> authors(String workspaceId, List<ConversationItemInput> inputs) {
        List<HandleResolver.Asked> asked = inputs.stream().filter(i -> !Boolean.TRUE.equals(i.getFromUs()))
                .map(i -> new HandleResolver.Asked(i.getNetwork().toString(), i.getAuthorHandle())).toList();
        Map<String, UUID> members = new HashMap<>();
        if (asked.isEmpty()) {
            return members;
        }
        for (HandleResolver.Resolved resolved : handles.resolve(workspaceId, asked, true)) {
            members.put(resolved.asked().network() + " " + Handles.normalize(resolved.asked().network(),
                    resolved.asked().handle()), resolved.memberId());
        }
        return members;
    }

    private static String authorKey(ConversationItemInput input) {
        String network = input.getNetwork().toString();
        return network + " " + Handles.normalize(network, input.getAuthorHandle());
    }

    private static String itemKey(String network, String externalId) {
        return network + " " + externalId;
    }

    private static List<String> mediaUrls(ConversationItemInput input) {
        return input.getMedia() == null ? List.of()
                : input.getMedia().stream().map(ConversationItemMedia::getUrl).toList();
    }

    private String media(ConversationItemInput input) {
        List<Map<String, String>> media = new ArrayList<>();
        if (input.getMedia() != null) {
            for (ConversationItemMedia m : input.getMedia()) {
                media.add(Map.of("url", m.getUrl(), "kind", m.getKind().toString()));
            }
        }
        try {
            return json.writeValueAsString(media);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Media cannot be written as JSON", e);
        }
    }
}
