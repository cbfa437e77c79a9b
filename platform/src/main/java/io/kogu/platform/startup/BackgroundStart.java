package io.kogu.platform.startup;

import org.jboss.logging.Logger;

/**
 * Start-up work that the service does not need before it is ready: warming a cache, re-sealing rows with a new
 * key. It runs on a daemon thread of its own while the start goes on, so that it neither delays readiness nor
 * competes with the start on the event loop; a failure is logged, and the work is done again at the next start
 * or at first use.
 */
public final class BackgroundStart {

    private static final Logger LOG = Logger.getLogger(BackgroundStart.class);

    private BackgroundStart() {
    }

    /** Runs the task on a new daemon thread named after it. */
    public static Thread run(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.warnf(e, "Start-up work '%s' failed; it is done again at the next start or at first use", name);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
