package io.kogu.audience.segment.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The meaning of a rule, written plainly in Java and independent of the SQL compiler: the oracle of
 * {@link RuleEvaluationPropertiesTest}. A condition on a value the member lacks is false; a negated operator is
 * "not" its positive.
 */
final class InMemoryRule {

    private final Map<UUID, Predicate<MemberFacts>> segments;
    private final Instant now;

    InMemoryRule(Map<UUID, Predicate<MemberFacts>> segments, Instant now) {
        this.segments = segments;
        this.now = now;
    }

    boolean holds(RuleNode node, MemberFacts member) {
        if (node instanceof RuleNode.Group group) {
            return switch (group.kind()) {
                case ALL -> group.children().stream().allMatch(child -> holds(child, member));
                case ANY -> group.children().stream().anyMatch(child -> holds(child, member));
                case NONE -> group.children().stream().noneMatch(child -> holds(child, member));
            };
        }
        RuleNode.Condition condition = (RuleNode.Condition) node;
        Operator positive = condition.operator().positive();
        return positive == null ? positive(condition.operand(), condition.operator(), condition.values(), member)
                : !positive(condition.operand(), positive, condition.values(), member);
    }

    private boolean positive(Operand operand, Operator operator, List<Object> values, MemberFacts member) {
        if (operand instanceof Operand.Networks) {
            return values.stream().anyMatch(member.networks()::contains);
        }
        if (operand instanceof Operand.Segments) {
            return values.stream().anyMatch(id -> segments.get((UUID) id).test(member));
        }
        Object value = valueOf(operand, member);
        if (operator == Operator.IS_SET) {
            return value instanceof List<?> list ? !list.isEmpty() : value != null;
        }
        if (value == null) {
            return false;
        }
        switch (operator) {
            case HAS_ANY:
                return values.stream().anyMatch(((List<?>) value)::contains);
            case HAS_ALL:
                return ((List<?>) value).containsAll(values);
            case EQ:
            case IN:
                return values.stream().anyMatch(v -> compare(value, v) == 0);
            case CONTAINS:
                return lower(value).contains(lower(values.get(0)));
            case STARTS_WITH:
                return lower(value).startsWith(lower(values.get(0)));
            case ENDS_WITH:
                return lower(value).endsWith(lower(values.get(0)));
            case GT:
                return compare(value, values.get(0)) > 0;
            case GTE:
                return compare(value, values.get(0)) >= 0;
            case LT:
                return compare(value, values.get(0)) < 0;
            case LTE:
                return compare(value, values.get(0)) <= 0;
            case BETWEEN:
                return compare(value, values.get(0)) >= 0 && compare(value, values.get(1)) <= 0;
            case WITHIN_LAST:
                Instant cutoff = RuleParser.Dates.before(now, (TemporalAmount) values.get(0));
                Instant instant = (Instant) value;
                return !instant.isBefore(cutoff) && !instant.isAfter(now);
            default:
                throw new IllegalStateException(operator.toString());
        }
    }

    private static Object valueOf(Operand operand, MemberFacts member) {
        if (operand instanceof Operand.Field field) {
            return member.field(field.field());
        }
        Operand.Attribute attribute = (Operand.Attribute) operand;
        Object value = member.attributes().get(attribute.key());
        return value != null && attribute.kind() == ValueKind.DATE ? Instant.parse((String) value) : value;
    }

    private static int compare(Object memberValue, Object ruleValue) {
        if (memberValue instanceof Double number) {
            return Double.compare(number, ((BigDecimal) ruleValue).doubleValue());
        }
        if (memberValue instanceof BigDecimal number) {
            return number.compareTo((BigDecimal) ruleValue);
        }
        if (memberValue instanceof Instant instant) {
            return instant.compareTo((Instant) ruleValue);
        }
        if (memberValue instanceof Boolean bool) {
            return bool.equals(ruleValue) ? 0 : 1;
        }
        return ((String) memberValue).equals(ruleValue) ? 0 : 1;
    }

    /** Ignoring case is Unicode case folding (ICU's, independent of the compiler's SQL). */
    private static String lower(Object text) {
        return com.ibm.icu.lang.UCharacter.foldCase((String) text, true);
    }
}
