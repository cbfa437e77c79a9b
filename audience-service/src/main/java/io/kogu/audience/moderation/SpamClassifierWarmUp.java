package io.kogu.audience.moderation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Trains the spam classifier on a background thread at start-up (a few seconds of one core), so that the first
 * intake does not wait for it. Nothing durable: a restart simply trains again.
 */
@ApplicationScoped
public class SpamClassifierWarmUp {

    @Inject
    SpamClassifier classifier;

    @Inject
    ModerationSettings settings;

    void onStart(@Observes StartupEvent start) {
        if (settings.trainAtStartup()) {
            Thread training = new Thread(classifier::warmUp, "spam-classifier-training");
            training.setDaemon(true);
            training.start();
        }
    }
}
