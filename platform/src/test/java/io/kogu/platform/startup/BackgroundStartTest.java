package io.kogu.platform.startup;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundStartTest {

    @Test
    void runsTheTaskOnADaemonThreadNamedAfterIt() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        String[] threadName = new String[1];
        Thread thread = BackgroundStart.run("warm-up-of-something", () -> {
            threadName[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertThat(thread.isDaemon()).isTrue();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        thread.join(5_000);
        assertThat(threadName[0]).isEqualTo("warm-up-of-something");
    }

    @Test
    void aFailingTaskIsLoggedNotLeftUncaught() throws InterruptedException {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            Thread thread = BackgroundStart.run("failing-warm-up", () -> {
                throw new IllegalStateException("the key file is gone");
            });
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(uncaught).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
