package io.kogu.audience.segment.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.audience.api.model.Network;
import io.kogu.audience.api.model.Relationship;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a rule tree from JSON and checks every node. A bad node is reported by its JSON path (e.g.
 * {@code rule.all[1].any[0].operator}) with what is allowed there; every problem of the tree is reported at
 * once.
 */
public final class RuleParser {

    /** Levels of groups: a group in a group … 20 deep, with its conditions inside the deepest. */
    public static final int MAX_DEPTH = 20;
    public static final int MAX_NODES = 500;
    /** The contract's maxItems of a group's list and of a condition's values. */
    public static final int MAX_CHILDREN = 200;
    public static final int MAX_VALUES = 1000;
    public static final String ATTRIBUTE_PREFIX = "attributes.";
    public static final String ENGAGEMENT_PREFIX = "engagement.";

    private static final Set<String> PROPERTIES = Set.of("all", "any", "none", "field", "operator", "values");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final int MAX_TEXT = 1000;
    private static final int MAX_TAG = 64;

    /** A rule that parsed, and the segments it refers to, by the path of the value that names them. */
    public record Parsed(RuleNode root, List<SegmentReference> references) {
    }

    public record SegmentReference(String path, UUID segmentId) {
    }

    private final Map<String, ValueKind> attributeKinds;
    private final List<FieldError> errors = new ArrayList<>();
    private final List<SegmentReference> references = new ArrayList<>();
    private int nodes;

    private RuleParser(Map<String, ValueKind> attributeKinds) {
        this.attributeKinds = attributeKinds;
    }

    /**
     * @param attributeKinds the workspace's declared attributes by key
     * @throws ProblemException 422 naming every bad node
     */
    public static Parsed parse(JsonNode rule, String path, Map<String, ValueKind> attributeKinds) {
        RuleParser parser = new RuleParser(attributeKinds);
        RuleNode root = parser.node(rule, path, 1);
        if (!parser.errors.isEmpty()) {
            throw ProblemException.unprocessable("The rule has " + parser.errors.size()
                    + (parser.errors.size() == 1 ? " problem" : " problems") + "; see errors", parser.errors);
        }
        return new Parsed(root, List.copyOf(parser.references));
    }

    private RuleNode node(JsonNode json, String path, int depth) {
        if (++nodes == MAX_NODES + 1) {
            error(path, "the rule has more than " + MAX_NODES + " nodes");
        }
        if (json == null || !json.isObject()) {
            error(path, "must be an object: a group (all, any or none) or a condition (field, operator, values)");
            return null;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                error(path + "." + name, "is not a rule property; allowed: all, any, none, field, operator, values");
            }
        }
        List<String> groups = new ArrayList<>();
        for (String group : List.of("all", "any", "none")) {
            if (json.has(group)) {
                groups.add(group);
            }
        }
        boolean condition = json.has("operator") || json.has("field") || json.has("values");
        if (groups.size() + (condition ? 1 : 0) != 1) {
            error(path, groups.isEmpty() && !condition
                    ? "is empty; a node is a group (exactly one of all, any, none) or a condition (operator)"
                    : "mixes " + String.join(", ", condition ? concat(groups, "a condition") : groups)
                      + "; a node is exactly one group (all, any or none) or one condition");
            return null;
        }
        if (!condition && depth > MAX_DEPTH) {
            error(path, "groups nest deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        return condition ? condition(json, path) : group(json, groups.get(0), path, depth);
    }

    private RuleNode group(JsonNode json, String name, String path, int depth) {
        JsonNode children = json.get(name);
        String childrenPath = path + "." + name;
        if (!children.isArray() || children.isEmpty()) {
            error(childrenPath, "must be a non-empty list of rule nodes");
            return null;
        }
        if (children.size() > MAX_CHILDREN) {
            error(childrenPath, "holds " + children.size() + " nodes; a group holds at most " + MAX_CHILDREN);
            return null;
        }
        List<RuleNode> parsed = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            parsed.add(node(children.get(i), childrenPath + "[" + i + "]", depth + 1));
        }
        return new RuleNode.Group(RuleNode.GroupKind.valueOf(name.toUpperCase(java.util.Locale.ROOT)), parsed);
    }

    private RuleNode condition(JsonNode json, String path) {
        JsonNode operatorJson = json.get("operator");
        if (operatorJson == null || !operatorJson.isTextual()) {
            error(path + ".operator", "is required in a condition; allowed: " + Operator.allowed());
            return null;
        }
        Operator operator = Operator.byApiName(operatorJson.asText()).orElse(null);
        if (operator == null) {
            error(path + ".operator", "'" + operatorJson.asText() + "' is not an operator; allowed: " + Operator.allowed());
            return null;
        }
        Operand operand = operand(json.get("field"), operator, path);
        if (operand == null) {
            return null;
        }
        if (!operand.kind().operators().contains(operator)) {
            error(path + ".operator", "'" + operator.apiName() + "' does not apply to " + describe(operand)
                    + "; allowed: " + operand.kind().allowedOperators());
            return null;
        }
        List<Object> values = values(json.get("values"), operand, operator, path + ".values");
        return values == null ? null : new RuleNode.Condition(operand, operator, values);
    }

    private Operand operand(JsonNode field, Operator operator, String path) {
        String fieldPath = path + ".field";
        if (operator.fieldless()) {
            if (field != null) {
                error(fieldPath, "must be left out with '" + operator.apiName() + "', which tests "
                        + (operator == Operator.ON_NETWORK ? "the member's handles" : "other segments"));
                return null;
            }
            return operator == Operator.ON_NETWORK ? new Operand.Networks() : new Operand.Segments();
        }
        if (field == null || !field.isTextual()) {
            error(fieldPath, "is required with '" + operator.apiName() + "'; allowed: " + allowedFields());
            return null;
        }
        String name = field.asText();
        if (name.startsWith(ATTRIBUTE_PREFIX)) {
            String key = name.substring(ATTRIBUTE_PREFIX.length());
            ValueKind kind = attributeKinds.get(key);
            if (kind == null) {
                error(fieldPath, "attribute '" + key + "' is not declared in this workspace; declared: "
                        + (attributeKinds.isEmpty() ? "none" : String.join(", ", attributeKinds.keySet().stream().sorted().toList())));
                return null;
            }
            return new Operand.Attribute(key, kind);
        }
        if (name.startsWith(ENGAGEMENT_PREFIX)) {
            return engagement(name, fieldPath);
        }
        return MemberField.byApiName(name).<Operand>map(Operand.Field::new).orElseGet(() -> {
            error(fieldPath, "'" + name + "' is not a member field; allowed: " + allowedFields());
            return null;
        });
    }

    /** {@code engagement.<type>.<window>}; a plural type ({@code comments}) names its event type ({@code comment}). */
    private Operand engagement(String name, String fieldPath) {
        String[] parts = name.substring(ENGAGEMENT_PREFIX.length()).split("\\.", -1);
        String type = parts.length == 2 ? parts[0] : "";
        if (!io.kogu.audience.member.MemberEngagement.TYPES.contains(type) && type.endsWith("s")
                && io.kogu.audience.member.MemberEngagement.TYPES.contains(type.substring(0, type.length() - 1))) {
            type = type.substring(0, type.length() - 1);
        }
        if (parts.length != 2 || !io.kogu.audience.member.MemberEngagement.TYPES.contains(type)
                || !io.kogu.audience.member.MemberEngagement.WINDOWS.contains(parts[1])) {
            error(fieldPath, "'" + name + "' is not an engagement count; write engagement.<type>.last30d or "
                    + "engagement.<type>.last90d with a type among "
                    + String.join(", ", io.kogu.audience.member.MemberEngagement.TYPES.stream().sorted().toList()));
            return null;
        }
        return new Operand.Engagement(type, parts[1]);
    }

    private List<Object> values(JsonNode json, Operand operand, Operator operator, String path) {
        List<JsonNode> given = new ArrayList<>();
        if (json != null && !json.isNull()) {
            if (!json.isArray()) {
                error(path, "must be a list");
                return null;
            }
            json.forEach(given::add);
        }
        String arityProblem = switch (operator.arity()) {
            case NONE -> given.isEmpty() ? null : "must be left out or empty with '" + operator.apiName() + "'";
            case ONE -> given.size() == 1 ? null : "must hold exactly one value with '" + operator.apiName() + "'"
                    + (operator == Operator.EQ && given.size() > 1 ? "; use 'in' for several"
                    : operator == Operator.NEQ && given.size() > 1 ? "; use 'notIn' for several" : "");
            case TWO -> given.size() == 2 ? null : "must hold exactly two values, the lowest and highest, with 'between'";
            case MANY -> given.isEmpty() ? "must hold at least one value with '" + operator.apiName() + "'" : null;
        };
        if (arityProblem == null && given.size() > MAX_VALUES) {
            arityProblem = "holds " + given.size() + " values; at most " + MAX_VALUES;
        }
        if (arityProblem != null) {
            error(path, arityProblem);
            return null;
        }
        List<Object> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < given.size(); i++) {
            Object value = value(given.get(i), operand, operator, path + "[" + i + "]");
            ok &= value != null;
            values.add(value);
        }
        if (ok && operator == Operator.BETWEEN && compare(values.get(0), values.get(1)) > 0) {
            error(path, "the first value of 'between' must not be greater than the second");
            return null;
        }
        return ok ? values : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object low, Object high) {
        return ((Comparable) low).compareTo(high);
    }

    private Object value(JsonNode value, Operand operand, Operator operator, String path) {
        switch (operand.kind()) {
            case TEXT -> {
                return text(value, path, MAX_TEXT, "text");
            }
            case TAGS -> {
                return text(value, path, MAX_TAG, "a tag");
            }
            case CODE -> {
                return code(value, ((Operand.Field) operand).field(), path);
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    error(path, "must be a number");
                    return null;
                }
                return value.decimalValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    error(path, "must be true or false");
                    return null;
                }
                return value.booleanValue();
            }
            case DATE -> {
                return operator == Operator.WITHIN_LAST || operator == Operator.NOT_WITHIN_LAST
                        ? duration(value, path) : instant(value, path);
            }
            case NETWORK -> {
                List<String> networks = Arrays.stream(Network.values()).map(Network::toString).toList();
                if (!value.isTextual() || !networks.contains(value.asText())) {
                    error(path, "must be a network; allowed: " + String.join(", ", networks));
                    return null;
                }
                return value.asText();
            }
            case SEGMENT -> {
                try {
                    if (!value.isTextual()) {
                        throw new IllegalArgumentException("not text");
                    }
                    UUID id = UUID.fromString(value.asText());
                    references.add(new SegmentReference(path, id));
                    return id;
                } catch (IllegalArgumentException e) {
                    error(path, "must be the id (a UUID) of a segment of this workspace");
                    return null;
                }
            }
            default -> throw new IllegalStateException(operand.kind().toString());
        }
    }

    private String text(JsonNode value, String path, int maxLength, String what) {
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
            error(path, "must be " + what + " of 1 to " + maxLength + " characters");
            return null;
        }
        return value.asText();
    }

    private String code(JsonNode value, MemberField field, String path) {
        String text = value.isTextual() ? value.asText() : "";
        boolean ok = switch (field) {
            case COUNTRY -> COUNTRY.matcher(text).matches();
            case LANGUAGE -> LANGUAGE.matcher(text).matches();
            case RELATIONSHIP -> Arrays.stream(Relationship.values()).anyMatch(r -> r.toString().equals(text));
            default -> throw new IllegalStateException(field.toString());
        };
        if (!ok) {
            error(path, switch (field) {
                case COUNTRY -> "is not an ISO-3166 alpha-2 country code such as EE";
                case LANGUAGE -> "is not a BCP-47 language tag such as et or pt-BR";
                default -> "is not a relationship; allowed: "
                        + String.join(", ", Arrays.stream(Relationship.values()).map(Relationship::toString).toList());
            });
            return null;
        }
        return text;
    }

    private Instant instant(JsonNode value, String path) {
        Instant instant = value.isTextual() ? Dates.parse(value.asText()) : null;
        if (instant == null) {
            error(path, "must be an ISO-8601 instant with offset (2025-03-01T12:00:00Z) or a date (2025-03-01),"
                    + " in the years 0001 to 9999");
        }
        return instant;
    }

    private TemporalAmount duration(JsonNode value, String path) {
        TemporalAmount amount = value.isTextual() ? Dates.duration(value.asText()) : null;
        if (amount == null) {
            error(path, "must be a positive ISO-8601 duration of at most 100 years, such as P30D, P2W, P1M or PT12H");
        }
        return amount;
    }

    private String allowedFields() {
        return MemberField.allowed() + ", " + ATTRIBUTE_PREFIX + "<key> of a declared attribute, "
                + ENGAGEMENT_PREFIX + "<type>.last30d|last90d";
    }

    private static String describe(Operand operand) {
        String kind = operand.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (operand instanceof Operand.Field field) {
            return field.field().apiName() + " (" + kind + ")";
        }
        if (operand instanceof Operand.Attribute attribute) {
            return ATTRIBUTE_PREFIX + attribute.key() + " (" + kind + ")";
        }
        if (operand instanceof Operand.Engagement engagement) {
            return ENGAGEMENT_PREFIX + engagement.type() + "." + engagement.window() + " (" + kind + ")";
        }
        return kind;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** Dates and durations as rules and attributes write them. */
    public static final class Dates {

        private Dates() {
        }

        /** The earliest and latest instants a rule or an attribute may hold (PostgreSQL and Java agree on them). */
        public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
        public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

        /** The longest duration of withinLast: 100 years, counted back from any instant a rule may run at. */
        public static final Period LONGEST = Period.ofYears(100);

        /**
         * An ISO-8601 instant with offset, or a date meaning its start in UTC, in the years 0001 to 9999; null
         * otherwise.
         */
        public static Instant parse(String text) {
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
            return instant.isBefore(MIN) || instant.isAfter(MAX) ? null : instant;
        }

        /**
         * A positive ISO-8601 duration of at most 100 years: calendar (P1Y2M3W4D) or with a time part (P1DT12H);
         * null otherwise.
         */
        public static TemporalAmount duration(String text) {
            try {
                TemporalAmount amount;
                if (text.contains("T")) {
                    Duration duration = Duration.parse(text);
                    amount = duration.isNegative() || duration.isZero() ? null : duration;
                } else {
                    Period period = Period.parse(text);
                    amount = period.isNegative() || period.isZero() ? null : period;
                }
                // Measured from a fixed day, so that whether a duration is allowed never depends on today.
                LocalDateTime from = LocalDateTime.of(2000, 1, 1, 0, 0);
                return amount == null || from.plus(amount).isAfter(from.plus(LONGEST)) ? null : amount;
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return null;
            }
        }

        /** The instant {@code amount} before {@code now}, counted in UTC (months and years by the calendar). */
        public static Instant before(Instant now, TemporalAmount amount) {
            return now.atOffset(ZoneOffset.UTC).minus(amount).toInstant();
        }
    }
}
