package io.kogu.audience.segment.rule;

import java.util.Arrays;
import java.util.Optional;

/** The operators of a rule condition, by their API name, with how many values each takes. */
public enum Operator {
    EQ("eq", Arity.ONE),
    NEQ("neq", Arity.ONE),
    IN("in", Arity.MANY),
    NOT_IN("notIn", Arity.MANY),
    CONTAINS("contains", Arity.ONE),
    STARTS_WITH("startsWith", Arity.ONE),
    ENDS_WITH("endsWith", Arity.ONE),
    GT("gt", Arity.ONE),
    GTE("gte", Arity.ONE),
    LT("lt", Arity.ONE),
    LTE("lte", Arity.ONE),
    BETWEEN("between", Arity.TWO),
    IS_SET("isSet", Arity.NONE),
    IS_NOT_SET("isNotSet", Arity.NONE),
    HAS_ANY("hasAny", Arity.MANY),
    HAS_ALL("hasAll", Arity.MANY),
    WITHIN_LAST("withinLast", Arity.ONE),
    NOT_WITHIN_LAST("notWithinLast", Arity.ONE),
    ON_NETWORK("onNetwork", Arity.MANY),
    IN_SEGMENT("inSegment", Arity.MANY),
    NOT_IN_SEGMENT("notInSegment", Arity.MANY);

    public enum Arity { NONE, ONE, TWO, MANY }

    private final String apiName;
    private final Arity arity;

    Operator(String apiName, Arity arity) {
        this.apiName = apiName;
        this.arity = arity;
    }

    public String apiName() {
        return apiName;
    }

    public Arity arity() {
        return arity;
    }

    /** The positive operator this one negates, or null: a negation is exactly "not" its positive. */
    public Operator positive() {
        return switch (this) {
            case NEQ -> EQ;
            case NOT_IN -> IN;
            case NOT_WITHIN_LAST -> WITHIN_LAST;
            case NOT_IN_SEGMENT -> IN_SEGMENT;
            case IS_NOT_SET -> IS_SET;
            default -> null;
        };
    }

    /** Operators that test something other than a member field, and so take no {@code field}. */
    public boolean fieldless() {
        return this == ON_NETWORK || this == IN_SEGMENT || this == NOT_IN_SEGMENT;
    }

    public static Optional<Operator> byApiName(String name) {
        return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(Operator::apiName).toList());
    }
}
