package io.kogu.audience.moderation;

import io.kogu.platform.startup.BackgroundStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads the spam classifier's model on a background thread at start-up, so that the first intake does not wait
 * for it (a few milliseconds for the model the build ships; a few seconds of one core to train it where it does
 * not, see SpamClassifier).
 */
@ApplicationScoped
public class SpamClassifierWarmUp {

    @Inject
    SpamClassifier classifier;

    @Inject
    ModerationSettings settings;

    void onStart(@Observes StartupEvent start) {
        if (settings.trainAtStartup()) {
            BackgroundStart.run("spam-classifier-warm-up", classifier::warmUp);
        }
    }
}
