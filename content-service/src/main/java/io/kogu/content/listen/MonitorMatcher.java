package io.kogu.content.listen;

import io.kogu.platform.webhooks.WebhookEvents;
import io.kogu.platform.webhooks.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a workspace's monitors over a new story, in the transaction that records it: each match is a row (listed
 * and counted per hour), and a monitor with {@code webhook} sends {@code monitor.matched} through the platform's
 * webhooks (signed, retried, logged).
 */
@ApplicationScoped
public class MonitorMatcher {

    @Inject
    EntityManager entityManager;

    @Inject
    Webhooks webhooks;

    @Transactional(Transactional.TxType.MANDATORY)
    public void matchNewStory(String workspaceId, UUID storyId, String title, String url, String text, Instant now) {
        List<Monitor> monitors = Monitor.list("workspaceId", workspaceId);
        if (monitors.isEmpty()) {
            return;
        }
        String prepared = MonitorQuery.prepare(text);
        for (Monitor monitor : monitors) {
            if (monitor.query().matches(prepared)) {
                record(monitor, storyId, title, url, now);
            }
        }
    }

    /** Matches a new or changed monitor against the stories first seen since {@code since}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void matchRecent(Monitor monitor, Instant since, Instant now) {
        MonitorQuery query = monitor.query();
        @SuppressWarnings("unchecked")
        List<Object[]> stories = entityManager.createNativeQuery("""
                        select id, title, url, summary from story where workspace_id = :w and first_seen_at >= :since""")
                .setParameter("w", monitor.workspaceId).setParameter("since", since).getResultList();
        for (Object[] story : stories) {
            if (query.matches(MonitorQuery.prepare(story[1] + " " + story[3]))) {
                record(monitor, (UUID) story[0], (String) story[1], (String) story[2], now);
            }
        }
    }

    private void record(Monitor monitor, UUID storyId, String title, String url, Instant now) {
        int inserted = entityManager.createNativeQuery("""
                        insert into monitor_match (monitor_id, story_id, workspace_id, matched_at)
                        values (:m, :s, :w, :at) on conflict do nothing""")
                .setParameter("m", monitor.id).setParameter("s", storyId).setParameter("w", monitor.workspaceId)
                .setParameter("at", now).executeUpdate();
        if (inserted == 1 && monitor.webhook) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("monitorId", monitor.id);
            data.put("monitorName", monitor.name);
            data.put("storyId", storyId);
            data.put("title", title);
            data.put("url", url);
            webhooks.emit(monitor.workspaceId, WebhookEvents.MONITOR_MATCHED, data);
        }
    }
}
