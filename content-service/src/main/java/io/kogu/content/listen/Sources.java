package io.kogu.content.listen;

import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundSettings;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Listening sources: their settings (the poller keeps their fetch state) and their health. */
@ApplicationScoped
public class Sources {

    private static final Logger LOG = Logger.getLogger(Sources.class);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\]?");

    @Inject
    EntityManager entityManager;

    @Inject
    OutboundSettings outbound;

    @Inject
    Clock clock;

    @Transactional
    public Source create(String workspaceId, SourceSettings settings) {
        String address = check(settings);
        Instant now = clock.instant();
        Source source = new Source();
        source.id = UUID.randomUUID();
        source.workspaceId = workspaceId;
        source.createdAt = now;
        apply(source, settings, address, now);
        requireUnique(source);
        source.persist();
        return source;
    }

    @Transactional
    public Source update(String workspaceId, UUID id, String ifMatch, SourceSettings settings) {
        Source source = get(workspaceId, id);
        Versions.requireMatch(ifMatch, source.version);
        String address = check(settings);
        boolean wasCompetitor = source.competitor;
        apply(source, settings, address, clock.instant());
        requireUnique(source);
        source.version++;
        if (wasCompetitor != source.competitor) {
            entityManager.flush();
            recount(storiesOf(id));
        }
        return source;
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Source source = get(workspaceId, id);
        Versions.requireMatch(ifMatch, source.version);
        List<UUID> carried = storiesOf(id);
        source.delete();
        entityManager.flush();
        if (carried.isEmpty()) {
            return;
        }
        // Stories only this source carried go with it; the others count one source fewer.
        entityManager.createNativeQuery("""
                        delete from story s where s.id in (:ids)
                          and not exists (select 1 from listening_item i where i.story_id = s.id)""")
                .setParameter("ids", carried).executeUpdate();
        recount(carried);
    }

    private List<UUID> storiesOf(UUID sourceId) {
        @SuppressWarnings("unchecked")
        List<UUID> stories = entityManager.createNativeQuery(
                        "select distinct story_id from listening_item where source_id = :s")
                .setParameter("s", sourceId).getResultList();
        return stories;
    }

    /** A story's source count and competitor flag, again from its items (after a source left or changed). */
    private void recount(List<UUID> storyIds) {
        if (storyIds.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                        update story s set source_count = (select count(distinct source_id) from listening_item i
                                                           where i.story_id = s.id),
                            competitor = exists (select 1 from listening_item i join listening_source o on o.id = i.source_id
                                                 where i.story_id = s.id and o.competitor)
                        where s.id in (:ids)""")
                .setParameter("ids", storyIds).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Source get(String workspaceId, UUID id) {
        return Source.<Source>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("source", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Source> list(String workspaceId, Boolean competitor, Keyset keyset) {
        Parameters parameters = Parameters.with("workspace", workspaceId);
        String where = "workspaceId = :workspace";
        if (competitor != null) {
            where += " and competitor = :competitor";
            parameters.and("competitor", competitor);
        }
        return keyset.find(where, parameters, "", (q, p) -> Source.<Source>find(q, p),
                s -> new PageCursor(s.createdAt, s.id));
    }

    /** New items a day over the last 7 days. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public double itemsPerDay(UUID sourceId) {
        Number count = (Number) entityManager.createNativeQuery(
                        "select count(*) from listening_item where source_id = :s and seen_at >= :since")
                .setParameter("s", sourceId).setParameter("since", clock.instant().minusSeconds(7 * 86400))
                .getSingleResult();
        return Math.round(count.doubleValue() / 7 * 100) / 100.0;
    }

    private static void apply(Source source, SourceSettings settings, String address, Instant now) {
        boolean moved = !Objects.equals(source.kind, settings.kind()) || !Objects.equals(source.url, settings.url())
                || !Objects.equals(source.query, settings.query()) || !Objects.equals(source.instanceUrl, settings.instanceUrl())
                || !Objects.equals(source.tag, settings.tag());
        source.kind = settings.kind();
        source.url = settings.url();
        source.query = settings.query();
        source.instanceUrl = settings.instanceUrl();
        source.tag = settings.tag();
        source.title = settings.title();
        source.competitor = settings.competitor();
        source.updatedAt = now;
        if (moved) {
            // Another address: fetched at once, without the old one's validators or failures.
            source.feedUrl = null;
            source.host = hostOf(address);
            source.etag = null;
            source.lastModified = null;
            source.consecutiveFailures = 0;
            source.nextFetchAt = now;
        }
    }

    private void requireUnique(Source source) {
        long same = Source.count("workspaceId = ?1 and kind = ?2 and id <> ?3 and "
                        + "coalesce(url, '') = ?4 and coalesce(query, '') = ?5 and coalesce(instanceUrl, '') = ?6 "
                        + "and coalesce(tag, '') = ?7", source.workspaceId, source.kind, source.id,
                Objects.toString(source.url, ""), Objects.toString(source.query, ""),
                Objects.toString(source.instanceUrl, ""), Objects.toString(source.tag, ""));
        if (same > 0) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "the workspace already listens to this source");
        }
    }

    /** The fields a kind needs, and an address the outbound guard may call; answers the address fetched. */
    private String check(SourceSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        String address;
        switch (settings.kind()) {
            case FetchTarget.FEED -> {
                require(errors, settings.url(), "url", "a feed needs the URL of the feed or of its site");
                address = settings.url();
            }
            case FetchTarget.BLUESKY_SEARCH -> {
                require(errors, settings.query(), "query", "a Bluesky search needs its query");
                address = settings.instanceUrl() != null ? settings.instanceUrl() : FetchTarget.BLUESKY_APPVIEW;
            }
            default -> {
                require(errors, settings.instanceUrl(), "instanceUrl", "a Mastodon tag needs the instance's URL");
                require(errors, settings.tag(), "tag", "a Mastodon tag needs the tag");
                address = settings.instanceUrl();
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        refuseForbiddenAddress(address, settings.kind().equals(FetchTarget.FEED) ? "url" : "instanceUrl");
        return address;
    }

    private static void require(List<FieldError> errors, String value, String field, String message) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, message));
        }
    }

    /**
     * An address the outbound guard would refuse is refused now, when it is an IP literal or localhost: the person
     * learns why at once. A name is checked when it is fetched (DNS may answer differently then), and redirects at
     * every hop.
     */
    private void refuseForbiddenAddress(String address, String field) {
        String host = hostOf(address);
        if (host == null) {
            throw ProblemException.invalid(field, "must be an http or https URL with a host");
        }
        if (!IP_LITERAL.matcher(host).matches() && !"localhost".equals(host)) {
            return;
        }
        AddressPolicy policy = new AddressPolicy(outbound.allowLoopback(), outbound.allowPrivate(),
                AddressPolicy.literals(outbound.allowedAddresses().orElse(List.of())));
        try {
            for (InetAddress resolved : InetAddress.getAllByName(host)) {
                if (!policy.allows(resolved)) {
                    String kind = AddressPolicy.kindOf(resolved).name().toLowerCase(Locale.ROOT);
                    LOG.warnf("A listening source at a %s address (%s) was refused", kind, resolved.getHostAddress());
                    throw ProblemException.unprocessable("Kogu may not call " + host + ": it is a " + kind
                            + " address (only public addresses can be listened to)",
                            List.of(new FieldError(field, "a " + kind + " address may not be called")));
                }
            }
        } catch (UnknownHostException e) {
            throw ProblemException.invalid(field, "the host " + host + " is not an address");
        }
    }

    /** The host part of a URL, lower case; null when it has none. */
    static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return null;
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
