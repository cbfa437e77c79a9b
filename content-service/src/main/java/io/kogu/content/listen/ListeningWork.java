package io.kogu.content.listen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The poller's steps that touch the database, each a short transaction of its own (the fetches happen between
 * them, outside any transaction): claim due sources, record what a fetch brought.
 */
@ApplicationScoped
public class ListeningWork {

    /** A claimed source: what to fetch, and the token of this claim. */
    public record Claim(UUID sourceId, String workspaceId, FetchTarget target, String host, boolean competitor,
                        int failures, String token) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ListeningSettings settings;

    @Inject
    ItemRecorder items;

    /**
     * Claims up to {@code limit} due sources, at most one per host and only hosts not asked within
     * {@code host-interval} nor being fetched now ({@code FOR UPDATE SKIP LOCKED}: replicas never claim the same
     * source; the host row's update makes two replicas' claims of one host exclude each other).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(String token, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select s.id, s.workspace_id, s.kind, coalesce(s.feed_url, s.url), s.query, s.instance_url, s.tag,
                               s.etag, s.last_modified, s.host, s.competitor, s.consecutive_failures
                        from listening_source s
                        where s.next_fetch_at <= :now and (s.lease_until is null or s.lease_until < :now)
                          and not exists (select 1 from listening_host h where h.host = s.host and h.next_allowed_at > :now)
                        order by s.next_fetch_at
                        limit :limit
                        for update of s skip locked""")
                .setParameter("now", now).setParameter("limit", limit * 4).getResultList();
        List<Claim> claims = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (Object[] r : rows) {
            String host = (String) r[9];
            if (claims.size() == limit || !hosts.add(host) || !takeHost(host, now)) {
                continue;
            }
            FetchTarget target = new FetchTarget((String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], (String) r[8]);
            claims.add(new Claim((UUID) r[0], (String) r[1], target, host, (Boolean) r[10], ((Number) r[11]).intValue(),
                    token));
        }
        if (!claims.isEmpty()) {
            entityManager.createNativeQuery("""
                            update listening_source set claimed_by = :token, lease_until = :until where id in (:ids)""")
                    .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                    .setParameter("ids", claims.stream().map(Claim::sourceId).toList()).executeUpdate();
        }
        return claims;
    }

    /** The host is this claim's until its fetch ends (then {@link #record} spaces the next request). */
    private boolean takeHost(String host, Instant now) {
        return entityManager.createNativeQuery("""
                        insert into listening_host (host, next_allowed_at) values (:host, :busy)
                        on conflict (host) do update set next_allowed_at = excluded.next_allowed_at
                        where listening_host.next_allowed_at <= :now""")
                .setParameter("host", host).setParameter("busy", now.plus(settings.lease())).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Records one fetch's outcome, if the claim is still ours; the host may be asked again after its interval. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Claim claim, FetchResult result, Instant started, Instant finished) {
        entityManager.createNativeQuery("update listening_host set next_allowed_at = :next where host = :host")
                .setParameter("next", finished.plus(settings.hostInterval())).setParameter("host", claim.host())
                .executeUpdate();
        Object owner = entityManager.createNativeQuery(
                        "select claimed_by from listening_source where id = :id for update")
                .setParameter("id", claim.sourceId()).getResultStream().findFirst().orElse(null);
        if (!claim.token().equals(owner)) {
            return; // deleted, or taken over after the lease ran out
        }
        if (result instanceof FetchResult.NotModified) {
            succeeded(claim, 304, null, null, true, finished);
        } else if (result instanceof FetchResult.Failed failed) {
            failed(claim, failed.status(), failed.reason(), finished);
        } else if (result instanceof FetchResult.Fetched fetched) {
            recordDocument(claim, fetched, finished);
        }
    }

    private void recordDocument(Claim claim, FetchResult.Fetched fetched, Instant finished) {
        FeedDocument document = fetched.document();
        if (document instanceof FeedDocument.Feed feed) {
            items.record(claim, feed, finished);
            if (feed.title() != null) {
                entityManager.createNativeQuery("update listening_source set title = :t where id = :id and title is null")
                        .setParameter("t", trim(feed.title(), 300)).setParameter("id", claim.sourceId()).executeUpdate();
            }
            succeeded(claim, fetched.status(), fetched.etag(), fetched.lastModified(), false, finished);
        } else if (document instanceof FeedDocument.Discovered discovered) {
            if (discovered.feedUrl().equals(claim.target().url())) {
                failed(claim, fetched.status(), "the feed names itself as its own page", finished);
                return;
            }
            // The page named its feed: read that next, at once.
            entityManager.createNativeQuery("""
                            update listening_source set feed_url = :feed, host = :host, etag = null,
                                last_modified = null, next_fetch_at = :now, claimed_by = null,
                                lease_until = null, last_fetch_at = :now, last_status = :status
                            where id = :id""")
                    .setParameter("feed", discovered.feedUrl()).setParameter("host", Sources.hostOf(discovered.feedUrl()))
                    .setParameter("now", finished).setParameter("status", fetched.status())
                    .setParameter("id", claim.sourceId()).executeUpdate();
        } else if (document instanceof FeedDocument.NotAFeed notAFeed) {
            failed(claim, fetched.status(), notAFeed.reason(), finished);
        }
    }

    private void succeeded(Claim claim, int status, String etag, String lastModified, boolean keepValidators,
                           Instant now) {
        entityManager.createNativeQuery("""
                        update listening_source set last_fetch_at = :now, last_success_at = :now, last_status = :status,
                            last_error = null, consecutive_failures = 0, next_fetch_at = :next,
                            etag = case when :keep then etag else cast(:etag as text) end,
                            last_modified = case when :keep then last_modified else cast(:lm as text) end,
                            claimed_by = null, lease_until = null
                        where id = :id""")
                .setParameter("now", now).setParameter("status", status).setParameter("next", now.plus(settings.interval()))
                .setParameter("keep", keepValidators).setParameter("etag", etag).setParameter("lm", lastModified)
                .setParameter("id", claim.sourceId()).executeUpdate();
    }

    private void failed(Claim claim, Integer status, String reason, Instant now) {
        entityManager.createNativeQuery("""
                        update listening_source set last_fetch_at = :now, last_status = :status, last_error = :error,
                            consecutive_failures = consecutive_failures + 1, next_fetch_at = :next,
                            claimed_by = null, lease_until = null
                        where id = :id""")
                .setParameter("now", now).setParameter("status", status).setParameter("error", trim(reason, 1000))
                .setParameter("next", now.plus(backoff(claim.failures() + 1))).setParameter("id", claim.sourceId())
                .executeUpdate();
    }

    /** The wait after {@code failures} failures in a row: the interval doubled each time, at most max-backoff. */
    Duration backoff(int failures) {
        Duration wait = settings.interval();
        for (int i = 0; i < failures && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    static String trim(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
