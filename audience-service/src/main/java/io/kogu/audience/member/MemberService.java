package io.kogu.audience.member;

import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.Relationship;
import io.kogu.audience.attribute.AttributeService;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.sql.CopyRows;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.text.Handles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Members of a workspace: creating, replacing, upserting, reading, searching. */
@ApplicationScoped
public class MemberService {

    /** What an upsert did: the member, and whether it is new or changed. */
    public record Upserted(Member member, boolean created, boolean changed) {
    }

    /** The filters of a member list; null means "any". */
    public record Filter(String country, String relationship, String tag, String network, String query) {
    }

    @Inject
    AttributeService attributes;

    @Inject
    io.kogu.platform.webhooks.Webhooks webhooks;

    /** Writes an imported member's attributes for COPY (as Hibernate's JSON mapping would). */
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Transactional
    public Member create(String workspaceId, MemberInput input) {
        Member member = upsert(workspaceId, Optional.empty(), input).member();
        memberCreated(member);
        return member;
    }

    /**
     * member.created to the workspace's webhook endpoints (the id only, no personal data), for members created
     * through the API; an import reports itself once with import.finished instead of once per row.
     */
    private void memberCreated(Member member) {
        webhooks.emit(member.workspaceId, io.kogu.platform.webhooks.WebhookEvents.MEMBER_CREATED,
                java.util.Map.of("memberId", member.id, "source", "api"));
    }

    @Transactional
    public Member update(String workspaceId, UUID id, String ifMatch, MemberInput input) {
        Member member = get(workspaceId, id);
        Versions.requireMatch(ifMatch, member.version);
        apply(member, input);
        Member.getEntityManager().flush();
        return member;
    }

    /**
     * Creates the member who has {@code handle} on {@code network}, or replaces the one who has it; the handle
     * stays among the member's handles.
     */
    @Transactional
    public Upserted upsertByHandle(String workspaceId, String network, String handle, String ifMatch, MemberInput input) {
        List<Handle> handles = new ArrayList<>(input.getHandles() == null ? List.of() : input.getHandles());
        if (handles.stream().noneMatch(h -> h.getNetwork().toString().equals(network)
                && Handles.normalize(network, h.getHandle()).equals(Handles.normalize(network, handle)))) {
            handles.add(0, new Handle().network(io.kogu.audience.api.model.Network.fromValue(network)).handle(handle));
        }
        input.setHandles(handles);
        Optional<Member> existing = findByHandle(workspaceId, network, handle);
        if (existing.isPresent() && ifMatch != null && !ifMatch.isBlank()) {
            Versions.requireMatch(ifMatch, existing.get().version);
        }
        Upserted upserted = upsert(workspaceId, existing, input);
        Member.getEntityManager().flush();
        if (upserted.created()) {
            memberCreated(upserted.member());
        }
        return upserted;
    }

    /**
     * What the rows of one import batch need to know of the workspace, looked up for the whole batch at once
     * (issue 15) instead of several queries per row: the members that the batch's external ids and handles name,
     * with their handles, and the attribute declarations (looked up once per job). Kept current as the batch's
     * rows create and change members, so that each row sees the rows before it, as it would one row at a time.
     */
    public static final class ImportLookups {
        private final Map<String, ValueKind> kinds;
        private final Map<String, Member> byExternalId = new HashMap<>();
        private final Map<String, Member> byHandle = new HashMap<>();
        /** Members the batch's rows created: not persisted, written by {@link #storeCreated} with COPY. */
        private final List<Member> created = new ArrayList<>();

        private ImportLookups(Map<String, ValueKind> kinds) {
            this.kinds = kinds;
        }

        private void remember(Member member) {
            if (member.externalId != null) {
                byExternalId.put(member.externalId, member);
            }
            for (MemberHandle handle : member.handles) {
                byHandle.put(key(handle), member);
            }
        }

        /** What the member was known by before a row changed it; {@link #remember} then adds what it is now. */
        private void forget(Member member, String externalId, List<String> handleKeys) {
            if (externalId != null && byExternalId.get(externalId) == member) {
                byExternalId.remove(externalId);
            }
            for (String handleKey : handleKeys) {
                if (byHandle.get(handleKey) == member) {
                    byHandle.remove(handleKey);
                }
            }
        }

        private static String key(MemberHandle handle) {
            return handle.network + " " + (handle.handleKey != null ? handle.handleKey
                    : Handles.normalize(handle.network, handle.handle));
        }
    }

    /**
     * Looks up, in two queries, every member that one of the inputs names by external id or handle, with its
     * handles, for {@link #importRow(String, MemberInput, ImportLookups)}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ImportLookups importLookups(String workspaceId, Map<String, ValueKind> kinds, List<MemberInput> inputs) {
        ImportLookups lookups = new ImportLookups(kinds);
        Set<String> externalIds = new HashSet<>();
        List<String> networks = new ArrayList<>();
        List<String> handleKeys = new ArrayList<>();
        for (MemberInput input : inputs) {
            if (input.getExternalId() != null) {
                externalIds.add(input.getExternalId());
            }
            if (input.getHandles() != null) {
                for (Handle handle : input.getHandles()) {
                    if (handle != null && handle.getNetwork() != null && handle.getHandle() != null) {
                        networks.add(handle.getNetwork().toString());
                        handleKeys.add(Handles.normalize(handle.getNetwork().toString(), handle.getHandle()));
                    }
                }
            }
        }
        if (externalIds.isEmpty() && networks.isEmpty()) {
            return lookups;
        }
        List<UUID> ids = Member.getEntityManager().unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            List<UUID> found = new ArrayList<>();
            // One index probe per value (lateral + limit 1: both keys are unique), whatever the statistics say. A
            // workspace an import is filling still looks empty to the planner, which then read all of its members
            // for every batch (external_id = any(…) as a filter): 150 ms a batch at 100,000 members (issue 15).
            // For the same reason the plan must not depend on the workspace's value: planned for a workspace its
            // statistics call empty, any index on workspace_id looked as good as the unique one, and a re-import
            // of 100,000 rows scanned the workspace once per value (12 s a batch). The generic plan, made from
            // average selectivities, always probes the unique indexes. (It holds for the rest of the batch's
            // transaction too, whose other statements go by primary key.)
            try (java.sql.Statement generic = connection.createStatement()) {
                generic.execute("set local plan_cache_mode = force_generic_plan");
            }
            try (java.sql.PreparedStatement select = connection.prepareStatement("""
                    select m.id from unnest(?::text[]) as x(external_id)
                    cross join lateral (select id from member
                                        where workspace_id = ? and external_id = x.external_id limit 1) m
                    union
                    select h.member_id from unnest(?::text[], ?::text[]) as k(network, handle_key)
                    cross join lateral (select member_id from member_handle
                                        where workspace_id = ? and network = k.network and handle_key = k.handle_key
                                        limit 1) h""")) {
                select.setArray(1, connection.createArrayOf("text", externalIds.toArray()));
                select.setString(2, workspaceId);
                select.setArray(3, connection.createArrayOf("text", networks.toArray()));
                select.setArray(4, connection.createArrayOf("text", handleKeys.toArray()));
                select.setString(5, workspaceId);
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            return found;
        });
        load(workspaceId, ids).forEach(lookups::remember);
        return lookups;
    }

    private static final String MEMBER_COLUMNS = "member (id, workspace_id, display_name, email, country, relationship,"
            + " tags, version, created_at, updated_at, external_id, language, city, followed_since, last_interaction_at,"
            + " engagement_score, marketing_consent, attributes)";
    private static final String HANDLE_COLUMNS =
            "member_handle (id, member_id, workspace_id, network, handle, handle_key, position)";

    /**
     * Stores the members an import batch created, with their handles, in two {@code COPY}s (issue 15: inserting
     * them through Hibernate, a statement per member and per handle, was most of an import's time). The batch's
     * changes to existing members are flushed first, so that a handle one of them gave up is free for a new
     * member. Runs in the batch's transaction: a refused row (a handle taken meanwhile by another writer) fails
     * the batch, which the import then retries row by row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeCreated(ImportLookups lookups) {
        if (lookups.created.isEmpty()) {
            return;
        }
        Member.getEntityManager().flush();
        CopyRows members = new CopyRows(MEMBER_COLUMNS);
        CopyRows handles = new CopyRows(HANDLE_COLUMNS);
        for (Member member : lookups.created) {
            members.row(member.id, member.workspaceId, member.displayName, member.email, member.country,
                    member.relationship, CopyRows.ArrayOf.varchar(member.tags), member.version, member.createdAt,
                    member.updatedAt, member.externalId, member.language, member.city, member.followedSince,
                    member.lastInteractionAt, member.engagementScore, member.marketingConsent,
                    new CopyRows.Jsonb(attributesJson(member.attributes)));
            for (MemberHandle handle : member.handles) {
                handle.normalise(); // what @PrePersist would do: the handle key from the entity's one rule
                handles.row(handle.id, member.id, member.workspaceId, handle.network, handle.handle,
                        handle.handleKey, handle.position);
            }
        }
        Member.getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            members.copy(connection);
            handles.copy(connection);
        });
        lookups.created.clear();
    }

    private String attributesJson(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("normalized attributes are plain JSON values", e);
        }
    }

    /**
     * Upserts the member a row of an import names: by its external id when it has one, otherwise by its first
     * handle. Runs in the caller's transaction; a bad row is a ProblemException thrown before anything is
     * written, so that the caller may go on with the next row. The members come from {@code lookups} (the
     * batch's), which this keeps current; a row that changes nothing writes nothing.
     */
    public Upserted importRow(String workspaceId, MemberInput input, ImportLookups lookups) {
        Member existing;
        if (input.getExternalId() != null) {
            existing = lookups.byExternalId.get(input.getExternalId());
        } else if (input.getHandles() != null && !input.getHandles().isEmpty()) {
            Handle first = input.getHandles().get(0);
            existing = lookups.byHandle.get(key(first.getNetwork().toString(), first.getHandle()));
        } else {
            throw ProblemException.invalid("externalId", "a row needs an externalId or a handle to be matched by");
        }
        String externalIdBefore = existing == null ? null : existing.externalId;
        List<String> handlesBefore = existing == null ? List.of()
                : existing.handles.stream().map(ImportLookups::key).toList();
        Upserted upserted = upsert(workspaceId, Optional.ofNullable(existing), input, lookups);
        if (upserted.changed()) {
            lookups.forget(upserted.member(), externalIdBefore, handlesBefore);
            lookups.remember(upserted.member());
        }
        return upserted;
    }

    private Upserted upsert(String workspaceId, Optional<Member> existing, MemberInput input) {
        return upsert(workspaceId, existing, input, null);
    }

    private Upserted upsert(String workspaceId, Optional<Member> existing, MemberInput input, ImportLookups lookups) {
        if (existing.isEmpty()) {
            Member member = new Member();
            member.id = UUID.randomUUID();
            member.workspaceId = workspaceId;
            member.createdAt = now();
            apply(member, input, lookups);
            if (lookups == null) {
                member.persist();
            } else {
                lookups.created.add(member); // the batch's later rows may still change it; stored at its end
            }
            return new Upserted(member, true, true);
        }
        Member member = existing.get();
        return new Upserted(member, false, apply(member, input, lookups));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Member> findByHandle(String workspaceId, String network, String handle) {
        return MemberHandle.<MemberHandle>find("workspaceId = ?1 and network = ?2 and handleKey = ?3", workspaceId,
                network, Handles.normalize(network, handle)).firstResultOptional().map(h -> h.member);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Member get(String workspaceId, UUID id) {
        return Member.<Member>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("member", id));
    }

    /** The members of these ids with their handles, in the order of the ids (unknown ids left out). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Member> load(String workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // By id alone, the workspace checked here: with the workspace in the query, the planner took a workspace
        // index for a workspace an import is filling (its statistics still say empty) and read all of it (issue
        // 15). No SQL distinct over the wide rows either: the join fetch gives a row per handle, and a member with
        // two handles coming twice is merged below.
        Map<UUID, Member> byId = Member.<Member>find("select m from Member m left join fetch m.handles where m.id in ?1",
                        ids).list().stream()
                .filter(m -> m.workspaceId.equals(workspaceId))
                .collect(Collectors.toMap(m -> m.id, Function.identity(), (first, same) -> first));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** One page, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Member> list(String workspaceId, Filter filter, Keyset keyset) {
        StringBuilder query = new StringBuilder("from Member m where m.workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (filter.country() != null) {
            query.append(" and m.country = :country");
            parameters.and("country", filter.country());
        }
        if (filter.relationship() != null) {
            query.append(" and m.relationship = :relationship");
            parameters.and("relationship", filter.relationship());
        }
        if (filter.tag() != null) {
            query.append(" and array_contains(m.tags, :tag)");
            parameters.and("tag", filter.tag());
        }
        if (filter.network() != null) {
            query.append(" and exists (select 1 from MemberHandle h where h.member = m and h.network = :network)");
            parameters.and("network", filter.network());
        }
        if (filter.query() != null) {
            query.append(" and (lower(m.displayName) like :q or lower(m.email) like :q or exists (select 1 from"
                    + " MemberHandle h where h.member = m and lower(h.handle) like :q))");
            parameters.and("q", "%" + Sql.likeLiteral(filter.query().toLowerCase(Locale.ROOT)) + "%");
        }
        return keyset.find(query.toString(), parameters, "m.", (q, values) -> Member.<Member>find(q, values),
                member -> new PageCursor(member.createdAt, member.id));
    }

    private boolean apply(Member member, MemberInput input) {
        return apply(member, input, null);
    }

    /**
     * Writes the input into the member; answers false, touching nothing, when the member already holds it. With
     * an import's lookups, who holds a handle or external id is known from them instead of asked per row.
     */
    private boolean apply(Member member, MemberInput input, ImportLookups lookups) {
        List<Handle> handles = input.getHandles() == null ? List.of() : input.getHandles();
        requireUniqueHandles(member, handles, lookups);
        requireUniqueExternalId(member, input.getExternalId(), lookups);
        Map<String, Object> attributeValues = lookups == null
                ? attributes.normalize(member.workspaceId, input.getAttributes(), "")
                : AttributeService.normalize(lookups.kinds, input.getAttributes(), "");
        // A new member has no display name yet; a stored one always has.
        if (member.displayName != null && MemberState.of(member).equals(MemberState.of(input, attributeValues))) {
            return false;
        }
        member.displayName = input.getDisplayName();
        member.email = input.getEmail();
        member.country = input.getCountry();
        member.language = input.getLanguage();
        member.city = input.getCity();
        member.externalId = input.getExternalId();
        member.relationship = (input.getRelationship() == null ? Relationship.FAN : input.getRelationship()).toString();
        member.tags = input.getTags() == null ? new ArrayList<>() : new ArrayList<>(input.getTags());
        member.followedSince = instant(input.getFollowedSince());
        member.lastInteractionAt = instant(input.getLastInteractionAt());
        member.engagementScore = input.getEngagementScore();
        member.marketingConsent = Boolean.TRUE.equals(input.getMarketingConsent());
        member.attributes = new LinkedHashMap<>(attributeValues);
        replaceHandles(member, handles);
        member.updatedAt = now();
        return true;
    }

    /** Keeps the rows of handles that stay, so that the unique index never sees a handle twice. */
    private static void replaceHandles(Member member, List<Handle> handles) {
        Map<String, MemberHandle> current = new LinkedHashMap<>();
        member.handles.forEach(h -> current.put(key(h.network, h.handle), h));
        List<MemberHandle> next = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            Handle given = handles.get(i);
            MemberHandle handle = current.remove(key(given.getNetwork().toString(), given.getHandle()));
            if (handle == null) {
                handle = new MemberHandle();
                handle.id = UUID.randomUUID();
                handle.member = member;
                handle.workspaceId = member.workspaceId;
                handle.network = given.getNetwork().toString();
            }
            handle.handle = given.getHandle();
            handle.position = i;
            next.add(handle);
        }
        member.handles.retainAll(next);
        if (!current.isEmpty()) {
            // Removed handles go first, so that a handle moved to another spelling is free again.
            Member.getEntityManager().flush();
        }
        for (MemberHandle handle : next) {
            if (!member.handles.contains(handle)) {
                member.handles.add(handle);
            }
        }
        member.handles.sort(java.util.Comparator.comparingInt(h -> h.position));
    }

    private static void requireUniqueHandles(Member member, Collection<Handle> handles, ImportLookups lookups) {
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        int i = 0;
        for (Handle handle : handles) {
            String key = key(handle.getNetwork().toString(), handle.getHandle());
            if (!seen.add(key)) {
                errors.add(new FieldError("handles[" + i + "]", "is listed twice"));
            } else if (handleTakenByAnother(member, handle, key, lookups)) {
                errors.add(new FieldError("handles[" + i + "]",
                        "is taken by another member on " + handle.getNetwork()));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A handle is already taken", errors);
        }
    }

    private static boolean handleTakenByAnother(Member member, Handle handle, String key, ImportLookups lookups) {
        if (lookups != null) {
            Member holder = lookups.byHandle.get(key);
            return holder != null && !holder.id.equals(member.id);
        }
        return MemberHandle.count("workspaceId = ?1 and network = ?2 and handleKey = ?3 and member.id <> ?4",
                member.workspaceId, handle.getNetwork().toString(),
                Handles.normalize(handle.getNetwork().toString(), handle.getHandle()), member.id) > 0;
    }

    private static void requireUniqueExternalId(Member member, String externalId, ImportLookups lookups) {
        if (externalId == null) {
            return;
        }
        boolean taken;
        if (lookups != null) {
            Member holder = lookups.byExternalId.get(externalId);
            taken = holder != null && !holder.id.equals(member.id);
        } else {
            taken = Member.count("workspaceId = ?1 and externalId = ?2 and id <> ?3", member.workspaceId, externalId,
                    member.id) > 0;
        }
        if (taken) {
            throw new ProblemException(ProblemType.CONFLICT, "The external id is already taken",
                    List.of(new FieldError("externalId", "belongs to another member")));
        }
    }

    private static String key(String network, String handle) {
        return network + " " + Handles.normalize(network, handle);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
