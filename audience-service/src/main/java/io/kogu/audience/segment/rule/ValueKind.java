package io.kogu.audience.segment.rule;

import java.util.EnumSet;
import java.util.Set;

import static io.kogu.audience.segment.rule.Operator.*;

/** What a condition's operand holds, and so which operators and values it takes. */
public enum ValueKind {
    TEXT(EnumSet.of(EQ, NEQ, IN, NOT_IN, CONTAINS, STARTS_WITH, ENDS_WITH, IS_SET, IS_NOT_SET)),
    CODE(EnumSet.of(EQ, NEQ, IN, NOT_IN, IS_SET, IS_NOT_SET)),
    NUMBER(EnumSet.of(EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET)),
    DATE(EnumSet.of(GT, GTE, LT, LTE, BETWEEN, WITHIN_LAST, NOT_WITHIN_LAST, IS_SET, IS_NOT_SET)),
    BOOLEAN(EnumSet.of(EQ, NEQ, IS_SET, IS_NOT_SET)),
    TAGS(EnumSet.of(HAS_ANY, HAS_ALL, IS_SET, IS_NOT_SET)),
    NETWORK(EnumSet.of(ON_NETWORK)),
    SEGMENT(EnumSet.of(IN_SEGMENT, NOT_IN_SEGMENT));

    private final Set<Operator> operators;

    ValueKind(Set<Operator> operators) {
        this.operators = operators;
    }

    public Set<Operator> operators() {
        return operators;
    }

    public String allowedOperators() {
        return String.join(", ", operators.stream().map(Operator::apiName).toList());
    }
}
