package io.kogu.audience.segment.rule;

import java.util.List;

/** A parsed, valid rule tree: groups of nodes and conditions with typed values. */
public sealed interface RuleNode {

    enum GroupKind { ALL, ANY, NONE }

    record Group(GroupKind kind, List<RuleNode> children) implements RuleNode {
    }

    /**
     * A condition. Values are typed by the operand: text and codes {@link String}, numbers
     * {@link java.math.BigDecimal}, dates {@link java.time.Instant} (or a {@link java.time.temporal.TemporalAmount}
     * for withinLast), booleans {@link Boolean}, tags and networks {@link String}, segments {@link java.util.UUID}.
     */
    record Condition(Operand operand, Operator operator, List<Object> values) implements RuleNode {
    }
}
