package io.kogu.audience.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The source of "now" in audience-service for new code (the inbox: when an item arrived, when a conversation was
 * answered or closed): inject this {@link Clock} instead of calling {@code Instant.now()}, so that tests can set the
 * time (a test-scope {@code Clock} bean replaces this default), as metrics-service does.
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
