package io.kogu.platform.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorFactory;

import java.lang.annotation.ElementType;
import java.util.Optional;
import java.util.Set;

/**
 * Checks plain objects (request bodies, NDJSON events, imported rows) against their constraints in bulk. With
 * JPA present, Hibernate Validator asks JPA whether every property of every object is loaded before it checks
 * it; for objects that are never entities that question is always yes, and asking it was a quarter of the time
 * of checking an NDJSON event stream or an import's rows (issue 15). Not for entities.
 * <p>
 * A valid object (nearly all of them in bulk) is recognised by its class's {@link CompiledConstraints}; only an
 * invalid one, or one of a class with constraints those do not compile, goes through Hibernate Validator, which
 * then says what is wrong in its own words.
 */
@ApplicationScoped
public class PlainValidator {

    private Validator validator;

    private final ClassValue<Optional<CompiledConstraints>> compiled = new ClassValue<>() {
        @Override
        protected Optional<CompiledConstraints> computeValue(Class<?> type) {
            return Optional.ofNullable(CompiledConstraints.of(validator, type));
        }
    };

    @Inject
    void build(ValidatorFactory factory) {
        validator = plain(factory);
    }

    /**
     * A validator of {@code factory} for plain objects: every property reachable, and no cache of that answer
     * for each property of each object checked.
     */
    static Validator plain(ValidatorFactory factory) {
        return factory.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EveryPropertyReachable())
                .enableTraversableResolverResultCache(false)
                .getValidator();
    }

    public <T> Set<ConstraintViolation<T>> validate(T object) {
        Optional<CompiledConstraints> constraints = compiled.get(object.getClass());
        if (constraints.isPresent() && constraints.get().satisfiedBy(object)) {
            return Set.of();
        }
        return validator.validate(object);
    }

    /** Every property is there to check: plain objects have no lazy state. */
    private static final class EveryPropertyReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
        }
    }
}
