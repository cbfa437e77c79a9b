package io.kogu.audience.segment.rule;

/** What a condition tests: a member field, a custom attribute, the member's networks or other segments. */
public sealed interface Operand {

    ValueKind kind();

    record Field(MemberField field) implements Operand {
        @Override
        public ValueKind kind() {
            return field.kind();
        }
    }

    /** {@code attributes.<key>}, of the kind its declared type maps to. */
    record Attribute(String key, ValueKind kind) implements Operand {
    }

    /**
     * {@code engagement.<type>.<window>}: how often the member engaged in that way in the window ({@code last30d},
     * {@code last90d}), as metrics-service counted it; 0 when nothing is known (issue 12).
     */
    record Engagement(String type, String window) implements Operand {
        @Override
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    record Networks() implements Operand {
        @Override
        public ValueKind kind() {
            return ValueKind.NETWORK;
        }
    }

    record Segments() implements Operand {
        @Override
        public ValueKind kind() {
            return ValueKind.SEGMENT;
        }
    }
}
