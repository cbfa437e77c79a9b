package io.kogu.metrics.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.api.model.InboxActivity;
import io.kogu.metrics.api.model.InboxActivityItem;
import io.kogu.metrics.api.model.InboxActivityResult;
import io.kogu.metrics.api.model.InboxAnswer;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code POST /v1/inbox-activity}: counts new items per 15-minute bucket in every scope they belong to, and keeps
 * each conversation's wait for an answer; all in one transaction, so a delivery counts whole or not at all. Bucket
 * rows are upserted in key order, so that concurrent batches lock them in the same order.
 */
@ApplicationScoped
public class InboxActivityIntake {

    /** How far in the future an item may claim to have happened (clock skew of the sender). */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The counts one batch adds to one scope's bucket. */
    private static final class Delta {
        int items;
        int mentions;
        int comments;
        int spam;
        int waitsOpened;
        int waitsClosed;
    }

    private record BucketKey(ScopeKey scope, Instant bucket) {
    }

    @Transactional
    public InboxActivityResult record(String workspaceId, InboxActivity activity) {
        List<InboxActivityItem> items = activity.getItems() == null ? List.of() : activity.getItems();
        List<InboxAnswer> answers = activity.getAnswers() == null ? List.of() : activity.getAnswers();
        check(items, answers);
        List<String> keywords = keywords(workspaceId);
        Map<BucketKey, Delta> deltas = new TreeMap<>(Comparator.comparing((BucketKey k) -> k.scope())
                .thenComparing(BucketKey::bucket));
        int accepted = 0;
        // Conversations are locked in id order (items, then answers) so that concurrent batches do not deadlock.
        List<InboxActivityItem> byConversation = new ArrayList<>(items);
        byConversation.sort(Comparator.comparing(InboxActivityItem::getConversationId));
        for (InboxActivityItem item : byConversation) {
            if (!firstTime(workspaceId, item)) {
                continue;
            }
            accepted++;
            Instant bucket = Buckets.start(item.getOccurredAt().toInstant());
            List<ScopeKey> scopes = scopes(item);
            boolean spam = Boolean.TRUE.equals(item.getSpam());
            String kind = item.getKind().value();
            for (ScopeKey scope : withKeywords(scopes, item.getText(), keywords)) {
                Delta delta = deltas.computeIfAbsent(new BucketKey(scope, bucket), k -> new Delta());
                delta.items++;
                delta.spam += spam ? 1 : 0;
                delta.mentions += !spam && "mention".equals(kind) ? 1 : 0;
                delta.comments += !spam && ("comment".equals(kind) || "reply".equals(kind)) ? 1 : 0;
            }
            if (!spam && startsWaiting(workspaceId, item.getConversationId(), item.getOccurredAt().toInstant(), scopes)) {
                for (ScopeKey scope : scopes) {
                    deltas.computeIfAbsent(new BucketKey(scope, bucket), k -> new Delta()).waitsOpened++;
                }
            }
        }
        List<InboxAnswer> answersByConversation = new ArrayList<>(answers);
        answersByConversation.sort(Comparator.comparing(InboxAnswer::getConversationId));
        for (InboxAnswer answer : answersByConversation) {
            Instant answeredAt = answer.getAnsweredAt().toInstant();
            for (ScopeKey scope : endsWait(workspaceId, answer.getConversationId(), answeredAt)) {
                deltas.computeIfAbsent(new BucketKey(scope, Buckets.start(answeredAt)), k -> new Delta()).waitsClosed++;
            }
        }
        deltas.forEach((key, delta) -> add(workspaceId, key, delta));
        return new InboxActivityResult().accepted(accepted).duplicates(items.size() - accepted);
    }

    private void check(List<InboxActivityItem> items, List<InboxAnswer> answers) {
        List<FieldError> errors = new ArrayList<>();
        Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
        for (int i = 0; i < items.size(); i++) {
            InboxActivityItem item = items.get(i);
            if (item == null) {
                errors.add(new FieldError("items[" + i + "]", "must be an item, not null"));
            } else if (item.getOccurredAt().toInstant().isAfter(latest)) {
                errors.add(new FieldError("items[" + i + "].occurredAt", "is more than 1 hour in the future"));
            } else if (item.getTags() != null && item.getTags().stream().anyMatch(t -> t == null || t.isBlank())) {
                errors.add(new FieldError("items[" + i + "].tags", "must not hold a blank tag"));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            InboxAnswer answer = answers.get(i);
            if (answer == null) {
                errors.add(new FieldError("answers[" + i + "]", "must be an answer, not null"));
            } else if (answer.getAnsweredAt().toInstant().isAfter(latest)) {
                errors.add(new FieldError("answers[" + i + "].answeredAt", "is more than 1 hour in the future"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** The folded keywords of the workspace's keyword rules (disabled ones too: their history keeps counting). */
    private List<String> keywords(String workspaceId) {
        @SuppressWarnings("unchecked")
        List<String> keys = entityManager.createNativeQuery("""
                        select distinct scope_key from alert_rule where workspace_id = :w and scope_kind = 'keyword'""")
                .setParameter("w", workspaceId).getResultList();
        return keys;
    }

    private boolean firstTime(String workspaceId, InboxActivityItem item) {
        return entityManager.createNativeQuery("""
                        insert into inbox_item_seen (workspace_id, item_id, occurred_at) values (:w, :id, :at)
                        on conflict do nothing""")
                .setParameter("w", workspaceId).setParameter("id", item.getItemId())
                .setParameter("at", utc(item.getOccurredAt().toInstant())).executeUpdate() == 1;
    }

    /** The scopes an item counts in, keywords aside: the workspace, its channel, its tags, its monitor. */
    private static List<ScopeKey> scopes(InboxActivityItem item) {
        Set<ScopeKey> scopes = new LinkedHashSet<>();
        scopes.add(ScopeKey.workspace());
        scopes.add(new ScopeKey(ScopeKey.CHANNEL, item.getChannelId().toString()));
        if (item.getTags() != null) {
            for (String tag : item.getTags()) {
                scopes.add(new ScopeKey(ScopeKey.TAG, Folding.fold(tag)));
            }
        }
        if (item.getMonitorId() != null) {
            scopes.add(new ScopeKey(ScopeKey.MONITOR, item.getMonitorId().toString()));
        }
        return List.copyOf(scopes);
    }

    private static List<ScopeKey> withKeywords(List<ScopeKey> scopes, String text, List<String> keywords) {
        if (text == null || text.isBlank() || keywords.isEmpty()) {
            return scopes;
        }
        String folded = Folding.fold(text);
        List<ScopeKey> all = new ArrayList<>(scopes);
        for (String keyword : keywords) {
            if (Folding.containsWords(folded, keyword)) {
                all.add(new ScopeKey(ScopeKey.KEYWORD, keyword));
            }
        }
        return all;
    }

    /**
     * A fan's item makes its conversation wait for an answer, unless it already waits or an answer came after the
     * item (deliveries can arrive out of order). Answers whether the wait began now.
     */
    private boolean startsWaiting(String workspaceId, UUID conversationId, Instant occurredAt, List<ScopeKey> scopes) {
        int inserted = entityManager.createNativeQuery("""
                        insert into inbox_conversation_wait (workspace_id, conversation_id, scopes, waiting_since)
                        values (:w, :c, cast(:scopes as jsonb), :at) on conflict do nothing""")
                .setParameter("w", workspaceId).setParameter("c", conversationId).setParameter("scopes", write(scopes))
                .setParameter("at", utc(occurredAt)).executeUpdate();
        if (inserted == 1) {
            return true;
        }
        return entityManager.createNativeQuery("""
                        update inbox_conversation_wait set waiting_since = :at, scopes = cast(:scopes as jsonb),
                            answered_at = null
                        where workspace_id = :w and conversation_id = :c and waiting_since is null
                          and (answered_at is null or answered_at < :at)""")
                .setParameter("w", workspaceId).setParameter("c", conversationId).setParameter("scopes", write(scopes))
                .setParameter("at", utc(occurredAt)).executeUpdate() == 1;
    }

    /** An answer ends a wait that began before it; answers the scopes the wait was counted in (none: no wait). */
    private List<ScopeKey> endsWait(String workspaceId, UUID conversationId, Instant answeredAt) {
        @SuppressWarnings("unchecked")
        List<String> ended = entityManager.createNativeQuery("""
                        update inbox_conversation_wait set waiting_since = null, answered_at = :at
                        where workspace_id = :w and conversation_id = :c and waiting_since <= :at
                        returning scopes::text""")
                .setParameter("w", workspaceId).setParameter("c", conversationId).setParameter("at", utc(answeredAt))
                .getResultList();
        if (!ended.isEmpty()) {
            return read(ended.get(0));
        }
        // No wait to end: remember the answer, so that an item delivered late (older than it) does not start one.
        entityManager.createNativeQuery("""
                        insert into inbox_conversation_wait (workspace_id, conversation_id, answered_at)
                        values (:w, :c, :at)
                        on conflict (workspace_id, conversation_id) do update
                            set answered_at = greatest(inbox_conversation_wait.answered_at, excluded.answered_at)
                            where inbox_conversation_wait.waiting_since is null""")
                .setParameter("w", workspaceId).setParameter("c", conversationId).setParameter("at", utc(answeredAt))
                .executeUpdate();
        return List.of();
    }

    private void add(String workspaceId, BucketKey key, Delta delta) {
        entityManager.createNativeQuery("""
                        insert into inbox_activity_bucket (workspace_id, scope_kind, scope_key, bucket_start, items,
                            mentions, comments, spam, waits_opened, waits_closed)
                        values (:w, :kind, :key, :bucket, :items, :mentions, :comments, :spam, :opened, :closed)
                        on conflict (workspace_id, scope_kind, scope_key, bucket_start) do update set
                            items = inbox_activity_bucket.items + excluded.items,
                            mentions = inbox_activity_bucket.mentions + excluded.mentions,
                            comments = inbox_activity_bucket.comments + excluded.comments,
                            spam = inbox_activity_bucket.spam + excluded.spam,
                            waits_opened = inbox_activity_bucket.waits_opened + excluded.waits_opened,
                            waits_closed = inbox_activity_bucket.waits_closed + excluded.waits_closed""")
                .setParameter("w", workspaceId).setParameter("kind", key.scope().kind())
                .setParameter("key", key.scope().key()).setParameter("bucket", utc(key.bucket()))
                .setParameter("items", delta.items).setParameter("mentions", delta.mentions)
                .setParameter("comments", delta.comments).setParameter("spam", delta.spam)
                .setParameter("opened", delta.waitsOpened).setParameter("closed", delta.waitsClosed).executeUpdate();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String write(List<ScopeKey> scopes) {
        try {
            return json.writeValueAsString(scopes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ScopeKey> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<ScopeKey>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored scopes are not JSON", e);
        }
    }
}
