package io.kogu.metrics.event;

import io.kogu.metrics.api.model.EngagementEvent;
import io.kogu.platform.validation.CompiledConstraints;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of a stream are checked by compiled constraints, not by Hibernate Validator one property at a time
 * (issue 15): the contract's constraints on an event must stay of the kinds {@link CompiledConstraints} compiles.
 */
class EventConstraintsCompiledTest {

    @Test
    void theContractsEventConstraintsCompile() {
        try (ValidatorFactory factory = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            assertThat(CompiledConstraints.of(factory.getValidator(), EngagementEvent.class)).isNotNull();
        }
    }
}
