package io.kogu.platform.validation;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled checks must agree with Hibernate Validator on every object: valid exactly when it finds no
 * violation. Beans shaped like the contract's generated models (constraints on getters), with every
 * combination of values at and around every bound.
 */
class CompiledConstraintsTest {

    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = PlainValidator.plain(FACTORY);

    /** Like a generated model: the constraints of an engagement event and a few more shapes. */
    public static class Modelled {
        private String id;
        private String optional;
        private Integer count;
        private Long total;
        private int level;
        private List<String> tags;
        private Object kind;

        public Modelled(String id, String optional, Integer count, Long total, int level, List<String> tags, Object kind) {
            this.id = id;
            this.optional = optional;
            this.count = count;
            this.total = total;
            this.level = level;
            this.tags = tags;
            this.kind = kind;
        }

        @NotNull @Size(min = 1, max = 5)
        public String getId() {
            return id;
        }

        @Size(max = 3)
        public String getOptional() {
            return optional;
        }

        @Min(1) @Max(1000)
        public Integer getCount() {
            return count;
        }

        @Min(0L) @Max(1000000000000L)
        public Long getTotal() {
            return total;
        }

        @Min(-2) @Max(2)
        public int getLevel() {
            return level;
        }

        @Size(min = 1, max = 2)
        public List<String> getTags() {
            return tags;
        }

        @NotNull
        public Object getKind() {
            return kind;
        }
    }

    @Test
    void agreesWithHibernateValidatorOnEveryCombination() {
        CompiledConstraints compiled = CompiledConstraints.of(VALIDATOR, Modelled.class);
        assertThat(compiled).isNotNull();
        List<String> ids = Arrays.asList(null, "", "a", "abcde", "abcdef");
        List<String> optionals = Arrays.asList(null, "", "abc", "abcd");
        List<Integer> counts = Arrays.asList(null, 0, 1, 1000, 1001, Integer.MIN_VALUE);
        List<Long> totals = Arrays.asList(null, -1L, 0L, 1000000000000L, 1000000000001L, Long.MAX_VALUE);
        List<Integer> levels = List.of(-3, -2, 2, 3);
        List<List<String>> tags = Arrays.asList(null, List.of(), List.of("a", "b"), List.of("a", "b", "c"));
        List<Object> kinds = Arrays.asList(null, "like");
        int valid = 0;
        int checked = 0;
        for (String id : ids) for (String optional : optionals) for (Integer count : counts) for (Long total : totals)
            for (int level : levels) for (List<String> tag : tags) for (Object kind : kinds) {
                Modelled bean = new Modelled(id, optional, count, total, level, tag, kind);
                boolean hibernate = VALIDATOR.validate(bean).isEmpty();
                assertThat(compiled.satisfiedBy(bean)).as("%s %s %s %s %s %s %s", id, optional, count, total, level,
                        tag, kind).isEqualTo(hibernate);
                valid += hibernate ? 1 : 0;
                checked++;
            }
        assertThat(valid).isPositive().isLessThan(checked);
    }

    public static class WithPattern {
        @Pattern(regexp = "[a-z]+")
        public String getName() {
            return "x";
        }
    }

    public static class OnAField {
        @NotNull
        private String name;

        public String getName() {
            return name;
        }
    }

    public static class Cascading {
        @Valid
        public Modelled getInner() {
            return null;
        }
    }

    public static class ClassLevel {
        @AssertTrue
        public boolean isConsistent() {
            return true;
        }
    }

    @Test
    void leavesOtherConstraintsToHibernateValidator() {
        assertThat(CompiledConstraints.of(VALIDATOR, WithPattern.class)).isNull();
        assertThat(CompiledConstraints.of(VALIDATOR, OnAField.class)).isNull();
        assertThat(CompiledConstraints.of(VALIDATOR, Cascading.class)).isNull();
        assertThat(CompiledConstraints.of(VALIDATOR, ClassLevel.class)).isNull();
    }
}
