package io.kogu.devkit;

import org.junit.jupiter.api.Assumptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule for tests that need something a machine may lack (node, npm, Chromium, Redis, a C++ toolchain): where
 * it is missing the test is skipped with a message saying what to install, said once per kind of test; when {@code CI}
 * is set the test fails instead, because CI must have it.
 */
public final class TestNeeds {

    private static final Set<String> told = ConcurrentHashMap.newKeySet();

    private TestNeeds() {
    }

    /** Goes on when {@code present}; otherwise skips (or, with {@code CI} set, fails) saying {@code what}. */
    public static void require(boolean present, String tag, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(what + ": CI must have it");
        }
        if (told.add(tag + what)) {
            System.err.println("[" + tag + "] " + what + ": skipped");
        }
        Assumptions.abort(what + ": skipped");
    }
}
