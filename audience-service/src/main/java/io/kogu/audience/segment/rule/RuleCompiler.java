package io.kogu.audience.segment.rule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compiles a rule tree into one SQL predicate over {@code member m}. Every condition compiles to an
 * expression that is true or false, never null (a missing value makes a condition false), so that
 * {@code none} and the negated operators are exactly "not" of their positive. Columns come from
 * {@link MemberField}; every value is a bound parameter. A dynamic segment the rule refers to is compiled once,
 * however often and however deep it is named, into a common table expression of the query ({@code segment_1}
 * …); a static one is read from {@code segment_member}. The whole tree is one query, of bounded size
 * ({@link #MAX_PARAMETERS}, {@link #MAX_SQL_LENGTH}).
 */
public final class RuleCompiler {

    public static final int MAX_REFERENCE_DEPTH = 10;
    /** Bound values of one compiled rule, with every segment it refers to (PostgreSQL takes 65,535). */
    public static final int MAX_PARAMETERS = 10_000;
    /** Characters of SQL of one compiled rule, with every segment it refers to. */
    public static final int MAX_SQL_LENGTH = 500_000;

    /**
     * A compiled rule: the segments it refers to, each once as a common table expression (in the order they
     * depend on each other), and the predicate over {@code member m} that uses them.
     */
    public record Compiled(Sql with, Sql predicate) {

        /** Every member: no condition. */
        public static Compiled everyone() {
            return new Compiled(new Sql(), new Sql().add("true"));
        }

        /**
         * {@code [with …] select <columns> from member m where m.workspace_id = ? and (<predicate>)}; the caller may
         * append more conditions, an order and a limit.
         */
        public Sql select(String columns, String workspaceId) {
            Sql sql = new Sql();
            if (!with.text().isEmpty()) {
                sql.add("with ").add(with).add(" ");
            }
            return sql.add("select " + columns + " from member m where m.workspace_id = ").param(workspaceId)
                    .add(" and (").add(predicate).add(")");
        }

        public int parameters() {
            return with.params().size() + predicate.params().size();
        }

        public int length() {
            return with.text().length() + predicate.text().length();
        }
    }

    /** A saved segment of the workspace, as a rule refers to it. */
    public record Referenced(UUID id, boolean isStatic, RuleNode rule) {
    }

    /** Finds saved segments of the workspace being evaluated; null for an id the workspace does not have. */
    @FunctionalInterface
    public interface SegmentSource {
        Referenced find(UUID id);
    }

    private final String workspaceId;
    private final SegmentSource segments;
    private final Instant now;
    private final Deque<UUID> visiting = new ArrayDeque<>();
    /** The name of the common table expression of each dynamic segment compiled so far. */
    private final Map<UUID, String> compiled = new HashMap<>();
    private final Sql with = new Sql();

    /**
     * @param workspaceId the workspace whose members the referenced segments' expressions select
     * @param now         the instant that withinLast counts back from
     */
    public RuleCompiler(String workspaceId, SegmentSource segments, Instant now) {
        this.workspaceId = workspaceId;
        this.segments = segments;
        this.now = now;
    }

    /** An unsaved rule. */
    public Compiled compile(RuleNode rule) {
        Sql sql = new Sql();
        write(rule, sql);
        return finish(sql);
    }

    /** A saved segment: its rule, or its explicit list. */
    public Compiled compile(Referenced segment) {
        Sql sql = new Sql();
        writeSegment(segment, sql);
        return finish(sql);
    }

    private Compiled finish(Sql predicate) {
        Compiled result = new Compiled(with, predicate);
        requireBounded(result.parameters(), result.length());
        return result;
    }

    private static void requireBounded(int parameters, int length) {
        if (parameters > MAX_PARAMETERS || length > MAX_SQL_LENGTH) {
            throw ProblemException.unprocessable("The rule is too large to evaluate", List.of(new FieldError("rule",
                    "compiles, with the segments it refers to, to " + (parameters > MAX_PARAMETERS
                            ? "more than " + MAX_PARAMETERS + " values" : "more than " + MAX_SQL_LENGTH + " characters of SQL")
                    + "; list fewer values or refer to fewer or smaller segments")));
        }
    }

    private void write(RuleNode node, Sql sql) {
        if (node instanceof RuleNode.Group group) {
            sql.add(group.kind() == RuleNode.GroupKind.NONE ? "not (" : "(");
            String joiner = group.kind() == RuleNode.GroupKind.ALL ? " and " : " or ";
            for (int i = 0; i < group.children().size(); i++) {
                sql.add(i == 0 ? "" : joiner);
                write(group.children().get(i), sql);
            }
            sql.add(")");
            return;
        }
        RuleNode.Condition condition = (RuleNode.Condition) node;
        Operator positive = condition.operator().positive();
        if (positive == null) {
            positive(condition.operand(), condition.operator(), condition.values(), sql);
        } else {
            sql.add("not ");
            positive(condition.operand(), positive, condition.values(), sql);
        }
    }

    private void positive(Operand operand, Operator operator, List<Object> values, Sql sql) {
        if (operand instanceof Operand.Field field) {
            field(field.field(), operator, values, sql);
        } else if (operand instanceof Operand.Attribute attribute) {
            attribute(attribute, operator, values, sql);
        } else if (operand instanceof Operand.Engagement engagement) {
            engagement(engagement, operator, values, sql);
        } else if (operand instanceof Operand.Networks) {
            sql.add("exists (select 1 from member_handle h where h.member_id = m.id and h.network = any(")
                    .param(new Sql.Array("text", values.toArray())).add("))");
        } else {
            sql.add("(");
            boolean first = true;
            for (Object id : new LinkedHashSet<>(values)) {
                sql.add(first ? "" : " or ");
                writeReference((UUID) id, sql);
                first = false;
            }
            sql.add(")");
        }
    }

    private void field(MemberField field, Operator operator, List<Object> values, Sql sql) {
        String column = "m." + field.column();
        String guard = field.nullable() ? column + " is not null and " : "";
        switch (operator) {
            case IS_SET -> sql.add(field.kind() == ValueKind.TAGS ? "(cardinality(" + column + ") > 0)"
                    : field.nullable() ? "(" + column + " is not null)" : "true");
            case HAS_ANY -> sql.add("(" + column + " && ").param(new Sql.Array("varchar", values.toArray())).add(")");
            case HAS_ALL -> sql.add("(" + column + " @> ").param(new Sql.Array("varchar", values.toArray())).add(")");
            case IN -> sql.add("(" + guard + column + " = any(").param(array(field.kind(), values)).add("))");
            case CONTAINS, STARTS_WITH, ENDS_WITH -> sql.add("(" + guard + "kogu_fold(" + column + ") like ")
                    .param(likePattern(operator, (String) values.get(0))).add(")");
            case BETWEEN -> sql.add("(" + guard + column + " between ").param(low(columnValue(field, values.get(0))))
                    .add(" and ").param(high(columnValue(field, values.get(1)))).add(")");
            case WITHIN_LAST -> sql.add("(" + guard + column + " between ")
                    .param(low(RuleParser.Dates.before(now, (TemporalAmount) values.get(0)))).add(" and ")
                    .param(high(now)).add(")");
            default -> sql.add("(" + guard + column + " " + comparison(operator) + " ")
                    .param(bound(operator, columnValue(field, values.get(0)))).add(")");
        }
    }

    /** A count metrics-service reported, 0 when none is known (window and type are bound parameters). */
    private void engagement(Operand.Engagement engagement, Operator operator, List<Object> values, Sql sql) {
        if (operator == Operator.IS_SET) {
            sql.add("((m.engagement -> ").param(engagement.window()).add(" ->> ").param(engagement.type())
                    .add(") is not null)");
            return;
        }
        sql.add("(coalesce((m.engagement -> ").param(engagement.window()).add(" ->> ").param(engagement.type())
                .add(")::numeric, 0)");
        switch (operator) {
            case IN -> sql.add(" = any(").param(array(ValueKind.NUMBER, values)).add("))");
            case BETWEEN -> sql.add(" between ").param(values.get(0)).add(" and ").param(values.get(1)).add(")");
            default -> sql.add(" " + comparison(operator) + " ").param(values.get(0)).add(")");
        }
    }

    private void attribute(Operand.Attribute attribute, Operator operator, List<Object> values, Sql sql) {
        String cast = switch (attribute.kind()) {
            case NUMBER -> "::numeric";
            case DATE -> "::timestamptz";
            default -> "";
        };
        switch (operator) {
            case IS_SET -> sql.add("((m.attributes -> ").param(attribute.key()).add(") is not null)");
            // Equality through containment, which the GIN index on attributes answers.
            case EQ, IN -> {
                sql.add("(");
                for (int i = 0; i < values.size(); i++) {
                    sql.add(i == 0 ? "" : " or ").add("m.attributes @> ")
                            .param(containment(attribute.key(), values.get(i))).add("::jsonb");
                }
                sql.add(")");
            }
            case CONTAINS, STARTS_WITH, ENDS_WITH -> sql.add("coalesce(kogu_fold(m.attributes ->> ").param(attribute.key())
                    .add(") like ").param(likePattern(operator, (String) values.get(0))).add(", false)");
            case BETWEEN -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " between ")
                    .param(low(values.get(0))).add(" and ").param(high(values.get(1))).add(", false)");
            case WITHIN_LAST -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " between ")
                    .param(low(RuleParser.Dates.before(now, (TemporalAmount) values.get(0)))).add(" and ").param(high(now))
                    .add(", false)");
            default -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " "
                    + comparison(operator) + " ").param(bound(operator, values.get(0))).add(", false)");
        }
    }

    /*
     * Instants are stored to the microsecond; a rule value may have nanoseconds, which the driver would round.
     * So a bound is moved to the microsecond that gives the same answer: "at or after x" is "at or after x rounded
     * up", "at or before x" is "at or before x rounded down" (and "after x" is "after x rounded down", "before x"
     * is "before x rounded up").
     */

    private static Object low(Object value) {
        return value instanceof Instant instant ? up(instant) : value;
    }

    private static Object high(Object value) {
        return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS) : value;
    }

    private static Object bound(Operator operator, Object value) {
        if (!(value instanceof Instant instant)) {
            return value;
        }
        return switch (operator) {
            case GTE, LT -> up(instant);
            default -> instant.truncatedTo(ChronoUnit.MICROS);
        };
    }

    private static Instant up(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS);
    }

    private void writeReference(UUID id, Sql sql) {
        if (visiting.contains(id)) {
            throw cycle(id);
        }
        String name = compiled.get(id);
        if (name == null) {
            Referenced segment = segments.find(id);
            if (segment == null) {
                throw ProblemException.unprocessable("The rule refers to a segment this workspace does not have",
                        List.of(new FieldError("rule", "segment " + id + " does not exist in this workspace")));
            }
            if (segment.isStatic()) {
                writeSegment(segment, sql);
                return;
            }
            // Compiled once, into an expression of its own; every later reference names it.
            Sql body = new Sql();
            writeSegment(segment, body);
            name = "segment_" + (compiled.size() + 1);
            with.add(compiled.isEmpty() ? "" : ", ").add(name + " as (select m.id from member m where m.workspace_id = ")
                    .param(workspaceId).add(" and (").add(body).add("))");
            compiled.put(id, name);
            requireBounded(with.params().size(), with.text().length());
        }
        sql.add("m.id in (select id from " + name + ")");
    }

    private void writeSegment(Referenced segment, Sql sql) {
        if (segment.isStatic()) {
            sql.add("exists (select 1 from segment_member sm where sm.segment_id = ").param(segment.id())
                    .add(" and sm.member_id = m.id)");
            return;
        }
        if (visiting.contains(segment.id())) {
            throw cycle(segment.id());
        }
        if (visiting.size() >= MAX_REFERENCE_DEPTH) {
            throw ProblemException.unprocessable("Segments refer to each other too deeply", List.of(new FieldError(
                    "rule", "segments refer to segments more than " + MAX_REFERENCE_DEPTH + " levels deep")));
        }
        visiting.push(segment.id());
        sql.add("(");
        write(segment.rule(), sql);
        sql.add(")");
        visiting.pop();
    }

    private ProblemException cycle(UUID id) {
        List<String> chain = new ArrayList<>();
        visiting.descendingIterator().forEachRemaining(visited -> chain.add(visited.toString()));
        chain.add(id.toString());
        return ProblemException.unprocessable("Segments refer to each other in a circle",
                List.of(new FieldError("rule", "segments refer to each other in a circle: " + String.join(" → ", chain))));
    }

    private static Object columnValue(MemberField field, Object value) {
        // engagement_score is double precision: compare as the column's type, as Java does.
        return field.kind() == ValueKind.NUMBER ? ((BigDecimal) value).doubleValue() : value;
    }

    private static Sql.Array array(ValueKind kind, List<Object> values) {
        if (kind == ValueKind.NUMBER) {
            return new Sql.Array("float8", values.stream().map(v -> ((BigDecimal) v).doubleValue()).toArray());
        }
        return new Sql.Array("text", values.toArray());
    }

    private static String comparison(Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            default -> throw new IllegalStateException("no comparison for " + operator);
        };
    }

    private static String containment(String key, Object value) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (value instanceof BigDecimal number) {
            json.put(key, number);
        } else if (value instanceof Boolean bool) {
            json.put(key, bool);
        } else {
            json.put(key, value.toString());
        }
        return json.toString();
    }

    /**
     * A LIKE pattern that matches the case-folded text literally (its % _ and \ escaped), for a column folded by
     * {@code kogu_fold} the same way ({@link CaseFold}).
     */
    private static String likePattern(Operator operator, String text) {
        String literal = Sql.likeLiteral(CaseFold.fold(text));
        return switch (operator) {
            case CONTAINS -> "%" + literal + "%";
            case STARTS_WITH -> literal + "%";
            default -> "%" + literal;
        };
    }
}
