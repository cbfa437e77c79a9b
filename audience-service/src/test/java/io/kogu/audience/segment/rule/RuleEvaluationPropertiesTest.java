package io.kogu.audience.segment.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.sql.Sql;
import io.kogu.testsupport.TestEnvironment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random members and random rule trees (every operator, every field, attributes of every type, nested
 * groups, other segments static and dynamic), the compiled SQL selects exactly the members that the plain
 * in-memory meaning of the rule selects. Runs against PostgreSQL directly, in a database of its own.
 */
class RuleEvaluationPropertiesTest {

    private static final Map<String, ValueKind> ATTRIBUTES = Map.of("plan", ValueKind.TEXT, "seats", ValueKind.NUMBER,
            "beta", ValueKind.BOOLEAN, "renewal", ValueKind.DATE);
    private static final List<String> TEXTS = List.of("Ann", "ann tamm", "Bo_1", "50% Cy", "Dee\\x", "ann", "AN", "_",
            "%", "\\", "tamm", "Cy", "Tartu", "tallinn", "Riga", "crm-1", "crm-2", "ann@example.com", "example", ".org",
            "free", "pro", "pro_max", "PRO", "οδος", "ΟΔΟΣ", "οδοσ", "STRASSE", "straße", "ß", "ss", "ǅ");
    private static final List<String> COUNTRIES = List.of("EE", "LV", "FI", "SE");
    private static final List<String> LANGUAGES = List.of("et", "en", "pt-BR", "fi");
    private static final List<String> RELATIONSHIPS = List.of("fan", "potential_fan", "customer", "advocate");
    private static final List<String> TAGS = List.of("coffee", "design", "tea", "sport", "music");
    private static final List<String> NETWORKS = List.of("x", "mastodon", "bluesky", "facebook");
    private static final List<Double> SCORES = List.of(0.0, 1.0, 5.0, 10.5, 12.5, 50.0, 99.9, 100.0);
    private static final List<Duration> AGES = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(2),
            Duration.ofDays(10), Duration.ofDays(30), Duration.ofDays(40), Duration.ofDays(400));
    private static final List<String> DURATIONS = List.of("P1D", "P3D", "P30D", "P1M", "P1Y", "PT2H", "P2W", "P1DT12H");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Connection connection;

    /**
     * One run of the property: members of a fresh workspace, three saved segments (a static one, a dynamic one,
     * and a dynamic one that refers to both), and the rule to check.
     */
    record World(String workspace, Instant now, List<MemberFacts> members, UUID staticId, Set<UUID> staticMembers,
                 UUID dynamicId, RuleNode dynamicRule, UUID chainedId, RuleNode chainedRule, RuleNode rule) {
    }

    @BeforeContainer
    static void migrate() throws SQLException {
        String url = TestEnvironment.database().jdbcUrl(TestEnvironment.databaseName("kogu_test_audience_rules"));
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(url);
    }

    @AfterContainer
    static void close() throws SQLException {
        connection.close();
    }

    @Property(tries = 150)
    void sqlSelectsExactlyTheMembersTheRuleMeans(@ForAll("worlds") World world) throws Exception {
        save(world);
        RuleCompiler.SegmentSource source = id -> id.equals(world.staticId())
                ? new RuleCompiler.Referenced(id, true, null)
                : new RuleCompiler.Referenced(id, false, id.equals(world.dynamicId()) ? world.dynamicRule() : world.chainedRule());
        RuleCompiler.Compiled predicate = new RuleCompiler(world.workspace(), source, world.now()).compile(world.rule());

        Map<UUID, Predicate<MemberFacts>> segments = new HashMap<>();
        InMemoryRule meaning = new InMemoryRule(segments, world.now());
        segments.put(world.staticId(), member -> world.staticMembers().contains(member.id()));
        segments.put(world.dynamicId(), member -> meaning.holds(world.dynamicRule(), member));
        segments.put(world.chainedId(), member -> meaning.holds(world.chainedRule(), member));
        Set<UUID> expected = world.members().stream().filter(member -> meaning.holds(world.rule(), member))
                .map(MemberFacts::id).collect(Collectors.toSet());

        assertThat(select(world.workspace(), predicate))
                .as("rule %s%ndynamic segment %s%nchained segment %s%nSQL %s%nparams %s", world.rule(),
                        world.dynamicRule(), world.chainedRule(), predicate.select("m.id", world.workspace()),
                        predicate.select("m.id", world.workspace()).params())
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<World> worlds() {
        return Arbitraries.randomValue(RuleEvaluationPropertiesTest::world);
    }

    private static World world(Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<MemberFacts> members = new ArrayList<>();
        int size = 4 + random.nextInt(12);
        for (int i = 0; i < size; i++) {
            members.add(member(random, now, i));
        }
        Set<UUID> staticMembers = members.stream().filter(m -> random.nextBoolean()).map(MemberFacts::id)
                .collect(Collectors.toSet());
        Generator generator = new Generator(random, now, null);
        RuleNode dynamicRule = generator.node(0);
        UUID staticId = UUID.randomUUID();
        UUID dynamicId = UUID.randomUUID();
        UUID chainedId = UUID.randomUUID();
        RuleNode chainedRule = new Generator(random, now, List.of(staticId, dynamicId)).node(0);
        RuleNode rule = new Generator(random, now, List.of(staticId, dynamicId, chainedId)).node(0);
        return new World("ws-" + UUID.randomUUID(), now, members, staticId, staticMembers, dynamicId, dynamicRule,
                chainedId, chainedRule, rule);
    }

    private static MemberFacts member(Random random, Instant now, int index) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            attributes.put("plan", pick(random, List.of("free", "pro", "pro_max", "Pro")));
        }
        if (random.nextBoolean()) {
            attributes.put("seats", pick(random, List.of(new BigDecimal("1"), new BigDecimal("5"), new BigDecimal("10.5"))));
        }
        if (random.nextBoolean()) {
            attributes.put("beta", random.nextBoolean());
        }
        if (random.nextBoolean()) {
            attributes.put("renewal", now.minus(pick(random, AGES)).toString());
        }
        Set<String> networks = new LinkedHashSet<>();
        NETWORKS.forEach(network -> {
            if (random.nextInt(3) == 0) {
                networks.add(network);
            }
        });
        List<String> tags = TAGS.stream().filter(tag -> random.nextInt(3) == 0).toList();
        Instant created = now.minus(pick(random, AGES));
        return new MemberFacts(UUID.randomUUID(), pick(random, List.of("Ann", "ann tamm", "Bo_1", "50% Cy", "Dee\\x",
                        "ΟΔΟΣ Σ", "Straße", "ǄEMAL")),
                maybe(random, List.of("ann@example.com", "bo@EXAMPLE.org")), maybe(random, List.of("Tartu", "tallinn", "Riga")),
                random.nextBoolean() ? null : "crm-" + index, maybe(random, COUNTRIES), maybe(random, LANGUAGES),
                pick(random, RELATIONSHIPS), maybe(random, SCORES), maybeInstant(random, now), maybeInstant(random, now),
                created, created.plus(Duration.ofMinutes(random.nextInt(5))).isAfter(now) ? now : created.plus(Duration.ofMinutes(random.nextInt(5))),
                random.nextBoolean(), tags, networks, attributes);
    }

    /** Random rule trees, whose values are drawn from the same pools as the members' so that they meet. */
    private static final class Generator {
        private final Random random;
        private final Instant now;
        private final List<UUID> segments;

        Generator(Random random, Instant now, List<UUID> segments) {
            this.random = random;
            this.now = now;
            this.segments = segments;
        }

        RuleNode node(int depth) {
            if (depth < 3 && random.nextInt(3) == 0) {
                int children = 1 + random.nextInt(3);
                List<RuleNode> nodes = new ArrayList<>();
                for (int i = 0; i < children; i++) {
                    nodes.add(node(depth + 1));
                }
                return new RuleNode.Group(pick(random, List.of(RuleNode.GroupKind.values())), nodes);
            }
            return condition();
        }

        private RuleNode condition() {
            List<Operand> operands = new ArrayList<>();
            for (MemberField field : MemberField.values()) {
                operands.add(new Operand.Field(field));
            }
            ATTRIBUTES.forEach((key, kind) -> operands.add(new Operand.Attribute(key, kind)));
            operands.add(new Operand.Networks());
            if (segments != null) {
                operands.add(new Operand.Segments());
            }
            Operand operand = pick(random, operands);
            Operator operator = pick(random, List.copyOf(operand.kind().operators()));
            int count = switch (operator.arity()) {
                case NONE -> 0;
                case ONE -> 1;
                case TWO -> 2;
                case MANY -> 1 + random.nextInt(3);
            };
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(value(operand, operator));
            }
            if (operator == Operator.BETWEEN) {
                values.sort(null);
            }
            return new RuleNode.Condition(operand, operator, values);
        }

        private Object value(Operand operand, Operator operator) {
            return switch (operand.kind()) {
                case TEXT -> pick(random, TEXTS);
                case CODE -> pick(random, switch (((Operand.Field) operand).field()) {
                    case COUNTRY -> COUNTRIES;
                    case LANGUAGE -> LANGUAGES;
                    default -> RELATIONSHIPS;
                });
                case NUMBER -> new BigDecimal(pick(random, List.of("0", "1", "5", "10.5", "12.5", "50", "99.9", "100", "3")));
                // Instants with nanoseconds around the members' (stored to the microsecond) compare exactly.
                case DATE -> operator == Operator.WITHIN_LAST || operator == Operator.NOT_WITHIN_LAST
                        ? RuleParser.Dates.duration(pick(random, DURATIONS))
                        : now.minus(pick(random, AGES)).plusNanos(pick(random, List.of(0L, 1L, 500L, 999L, -1L, -500L)));
                case BOOLEAN -> random.nextBoolean();
                case TAGS -> pick(random, TAGS);
                case NETWORK -> pick(random, NETWORKS);
                case SEGMENT -> pick(random, segments);
            };
        }
    }

    private static void save(World world) throws Exception {
        try (PreparedStatement member = connection.prepareStatement("""
                insert into member (id, workspace_id, display_name, email, city, external_id, country, language,
                    relationship, engagement_score, followed_since, last_interaction_at, created_at, updated_at,
                    marketing_consent, tags, attributes, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 0)""");
             PreparedStatement handle = connection.prepareStatement("""
                     insert into member_handle (id, member_id, workspace_id, network, handle, position, handle_key)
                     values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (MemberFacts m : world.members()) {
                Object[] values = {m.id(), world.workspace(), m.displayName(), m.email(), m.city(), m.externalId(),
                        m.country(), m.language(), m.relationship(), m.engagementScore(), time(m.followedSince()),
                        time(m.lastInteractionAt()), time(m.createdAt()), time(m.updatedAt()), m.marketingConsent(),
                        connection.createArrayOf("varchar", m.tags().toArray()), JSON.writeValueAsString(m.attributes())};
                for (int i = 0; i < values.length; i++) {
                    member.setObject(i + 1, values[i]);
                }
                member.addBatch();
                int position = 0;
                for (String network : m.networks()) {
                    handle.setObject(1, UUID.randomUUID());
                    handle.setObject(2, m.id());
                    handle.setString(3, world.workspace());
                    handle.setString(4, network);
                    handle.setString(5, "@" + m.id());
                    handle.setInt(6, position++);
                    handle.setString(7, io.kogu.platform.text.Handles.normalize(network, "@" + m.id()));
                    handle.addBatch();
                }
            }
            member.executeBatch();
            handle.executeBatch();
        }
        try (PreparedStatement segment = connection.prepareStatement("""
                insert into segment (id, workspace_id, name, kind, version, created_at, updated_at)
                values (?, ?, 'static', 'static', 0, now(), now())""");
             PreparedStatement in = connection.prepareStatement("""
                     insert into segment_member (segment_id, member_id, workspace_id, added_at) values (?, ?, ?, now())""")) {
            segment.setObject(1, world.staticId());
            segment.setString(2, world.workspace());
            segment.executeUpdate();
            for (UUID memberId : world.staticMembers()) {
                in.setObject(1, world.staticId());
                in.setObject(2, memberId);
                in.setString(3, world.workspace());
                in.addBatch();
            }
            in.executeBatch();
        }
    }

    private static Set<UUID> select(String workspace, RuleCompiler.Compiled predicate) throws SQLException {
        Sql query = predicate.select("m.id", workspace);
        try (PreparedStatement statement = connection.prepareStatement(query.text())) {
            query.bind(statement, 1);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant maybeInstant(Random random, Instant now) {
        return random.nextInt(4) == 0 ? null : now.minus(pick(random, AGES));
    }

    private static <T> T maybe(Random random, List<T> values) {
        return random.nextInt(4) == 0 ? null : pick(random, values);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
