package io.kogu.audience.segment.rule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Compiles a rule tree into one SQL predicate over {@code member m}. Every condition compiles to an
 * expression that is true or false, never null (a missing value makes a condition false), so that
 * {@code none} and the negated operators are exactly "not" of their positive. Columns come from
 * {@link MemberField}; every value is a bound parameter. Other segments are inlined (dynamic) or read from
 * {@code segment_member} (static), so the whole tree is one query.
 */
public final class RuleCompiler {

    public static final int MAX_REFERENCE_DEPTH = 10;

    /** A saved segment of the workspace, as a rule refers to it. */
    public record Referenced(UUID id, boolean isStatic, RuleNode rule) {
    }

    /** Finds saved segments of the workspace being evaluated; null for an id the workspace does not have. */
    @FunctionalInterface
    public interface SegmentSource {
        Referenced find(UUID id);
    }

    private final SegmentSource segments;
    private final Instant now;
    private final Deque<UUID> visiting = new ArrayDeque<>();

    /** @param now the instant that withinLast counts back from */
    public RuleCompiler(SegmentSource segments, Instant now) {
        this.segments = segments;
        this.now = now;
    }

    /** The predicate of an unsaved rule. */
    public Sql compile(RuleNode rule) {
        Sql sql = new Sql();
        write(rule, sql);
        return sql;
    }

    /** The predicate of a saved segment: its rule, or its explicit list. */
    public Sql compile(Referenced segment) {
        Sql sql = new Sql();
        writeSegment(segment, sql);
        return sql;
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
        } else if (operand instanceof Operand.Networks) {
            sql.add("exists (select 1 from member_handle h where h.member_id = m.id and h.network = any(")
                    .param(new Sql.Array("text", values.toArray())).add("))");
        } else {
            sql.add("(");
            for (int i = 0; i < values.size(); i++) {
                sql.add(i == 0 ? "" : " or ");
                writeReference((UUID) values.get(i), sql);
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
            case CONTAINS, STARTS_WITH, ENDS_WITH -> sql.add("(" + guard + column + " ilike ")
                    .param(likePattern(operator, (String) values.get(0))).add(")");
            case BETWEEN -> sql.add("(" + guard + column + " between ").param(columnValue(field, values.get(0)))
                    .add(" and ").param(columnValue(field, values.get(1))).add(")");
            case WITHIN_LAST -> sql.add("(" + guard + column + " between ")
                    .param(RuleParser.Dates.before(now, (TemporalAmount) values.get(0))).add(" and ").param(now).add(")");
            default -> sql.add("(" + guard + column + " " + comparison(operator) + " ")
                    .param(columnValue(field, values.get(0))).add(")");
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
            case CONTAINS, STARTS_WITH, ENDS_WITH -> sql.add("coalesce((m.attributes ->> ").param(attribute.key())
                    .add(") ilike ").param(likePattern(operator, (String) values.get(0))).add(", false)");
            case BETWEEN -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " between ")
                    .param(values.get(0)).add(" and ").param(values.get(1)).add(", false)");
            case WITHIN_LAST -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " between ")
                    .param(RuleParser.Dates.before(now, (TemporalAmount) values.get(0))).add(" and ").param(now)
                    .add(", false)");
            default -> sql.add("coalesce((m.attributes ->> ").param(attribute.key()).add(")" + cast + " "
                    + comparison(operator) + " ").param(values.get(0)).add(", false)");
        }
    }

    private void writeReference(UUID id, Sql sql) {
        if (visiting.contains(id)) {
            throw cycle(id);
        }
        Referenced segment = segments.find(id);
        if (segment == null) {
            throw ProblemException.unprocessable("The rule refers to a segment this workspace does not have",
                    List.of(new FieldError("rule", "segment " + id + " does not exist in this workspace")));
        }
        writeSegment(segment, sql);
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

    /** A case-insensitive LIKE pattern that matches the text literally (its % _ and \ escaped). */
    private static String likePattern(Operator operator, String text) {
        String literal = Sql.likeLiteral(text);
        return switch (operator) {
            case CONTAINS -> "%" + literal + "%";
            case STARTS_WITH -> literal + "%";
            default -> "%" + literal;
        };
    }
}
