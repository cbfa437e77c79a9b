package io.kogu.audience.member;

import io.kogu.platform.text.Handles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Handles to members, many at a time (resolve-handles): one query for the whole list, matched on the handle key
 * ({@link Handles}); optionally the unknown handles become potential fans, except the handles of erased members.
 */
@ApplicationScoped
public class HandleResolver {

    /** The most handles one call takes (the contract's maxItems). */
    public static final int MAX_HANDLES = 10_000;

    /** One asked handle. */
    public record Asked(String network, String handle) {
        String key() {
            return network + " " + Handles.normalize(network, handle);
        }
    }

    /** What became of one asked handle: its member (null: nobody), and whether this call created it. */
    public record Resolved(Asked asked, UUID memberId, boolean created) {
    }

    @Inject
    EntityManager entityManager;

    /** The members of {@code asked}, in the order asked; with {@code createMissing}, unknown handles become potential fans. */
    @Transactional
    public List<Resolved> resolve(String workspaceId, List<Asked> asked, boolean createMissing) {
        Map<String, UUID> found = find(workspaceId, asked);
        Set<String> created = new HashSet<>();
        if (createMissing) {
            Map<String, Asked> missing = new LinkedHashMap<>();
            for (Asked a : asked) {
                if (!found.containsKey(a.key())) {
                    missing.putIfAbsent(a.key(), a);
                }
            }
            Set<String> erased = erased(workspaceId, missing.values());
            // As MemberService stamps members (audience-service has no injected Clock yet).
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (var entry : missing.entrySet()) {
                if (erased.contains(entry.getKey())) {
                    continue;
                }
                Asked a = entry.getValue();
                UUID id = create(workspaceId, a, now);
                if (id != null) {
                    found.put(entry.getKey(), id);
                    created.add(entry.getKey());
                } else {
                    // Another call created it in the meantime: that one's member.
                    found.putAll(find(workspaceId, List.of(a)));
                }
            }
        }
        List<Resolved> result = new ArrayList<>(asked.size());
        Set<String> reported = new HashSet<>();
        for (Asked a : asked) {
            String key = a.key();
            // A handle asked twice was created once; only its first mention says so.
            result.add(new Resolved(a, found.get(key), created.contains(key) && reported.add(key)));
        }
        return result;
    }

    private Map<String, UUID> find(String workspaceId, List<Asked> asked) {
        String[] networks = asked.stream().map(Asked::network).toArray(String[]::new);
        String[] keys = asked.stream().map(a -> Handles.normalize(a.network(), a.handle())).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select h.network, h.handle_key, h.member_id from member_handle h
                        join unnest(cast(?2 as text[]), cast(?3 as text[])) as a(network, handle_key)
                          on a.network = h.network and a.handle_key = h.handle_key
                        where h.workspace_id = ?1""")
                .setParameter(1, workspaceId).setParameter(2, networks).setParameter(3, keys).getResultList();
        Map<String, UUID> found = new HashMap<>();
        for (Object[] row : rows) {
            found.put(row[0] + " " + row[1], (UUID) row[2]);
        }
        return found;
    }

    private Set<String> erased(String workspaceId, java.util.Collection<Asked> asked) {
        if (asked.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHex = new HashMap<>();
        for (Asked a : asked) {
            byHex.put(a.network() + " " + java.util.HexFormat.of().formatHex(Handles.key(a.network(), a.handle())), a.key());
        }
        String[] networks = asked.stream().map(Asked::network).toArray(String[]::new);
        String[] keys = asked.stream().map(a -> java.util.HexFormat.of().formatHex(Handles.key(a.network(), a.handle())))
                .toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select e.network, encode(e.handle_key, 'hex') from erased_member_handle e
                        join unnest(cast(?2 as text[]), cast(?3 as text[])) as a(network, handle_key)
                          on a.network = e.network and decode(a.handle_key, 'hex') = e.handle_key
                        where e.workspace_id = ?1""")
                .setParameter(1, workspaceId).setParameter(2, networks).setParameter(3, keys).getResultList();
        Set<String> erased = new HashSet<>();
        for (Object[] row : rows) {
            erased.add(byHex.get(row[0] + " " + row[1]));
        }
        return erased;
    }

    /** A new potential fan with this handle; null when the handle was taken meanwhile (the insert did nothing). */
    private UUID create(String workspaceId, Asked a, Instant now) {
        UUID memberId = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                        with member_row as (
                            insert into member (id, workspace_id, display_name, relationship, tags, attributes, version,
                                                created_at, updated_at, marketing_consent)
                            select ?1, ?2, ?3, 'potential_fan', '{}', '{}'::jsonb, 0, ?4, ?4, false
                            where not exists (select 1 from member_handle where workspace_id = ?2 and network = ?5
                                              and handle_key = ?6)
                            returning id
                        )
                        insert into member_handle (id, member_id, workspace_id, network, handle, handle_key, position)
                        select ?7, id, ?2, ?5, ?3, ?6, 0 from member_row""")
                .setParameter(1, memberId).setParameter(2, workspaceId).setParameter(3, a.handle().strip())
                .setParameter(4, now).setParameter(5, a.network())
                .setParameter(6, Handles.normalize(a.network(), a.handle())).setParameter(7, UUID.randomUUID())
                .executeUpdate();
        return inserted == 1 ? memberId : null;
    }
}
