package io.kogu.platform.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Now" for the webhooks: the service's {@link Clock} bean where it has one (content-service, and the settable
 * clock of its tests), else the system clock. To the microsecond PostgreSQL keeps.
 */
@ApplicationScoped
public class WebhookClock {

    @Inject
    Instance<Clock> clocks;

    public Instant now() {
        Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
