package io.kogu.metrics.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The source of "now" in metrics-service for new code (reports and their charts: which bucket is still counting,
 * when a report was generated): inject this {@link Clock} instead of calling {@code Instant.now()}, so that tests
 * can set the time (a test-scope {@code Clock} bean replaces this default).
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
