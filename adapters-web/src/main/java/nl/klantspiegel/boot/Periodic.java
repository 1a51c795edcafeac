package nl.klantspiegel.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A task every node runs at a fixed delay on a daemon thread of its own: for work whose aggregate decides each step
 * once (releases, schedules), so nodes that run it at the same moment do no harm. A failing run is logged and the
 * next one tries again; a run that did something says how much at debug level.
 */
final class Periodic {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final ScheduledExecutorService timer;

    /**
     * @param name what it does, for its thread and its log lines ("release-timer")
     * @param task    does what is due; answers how many things it did
     * @param enabled false: never runs (for tests that run the task themselves)
     */
    Periodic(String name, Duration every, IntSupplier task, boolean enabled) {
        long millis = Math.max(1, every.toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        if (!enabled) {
            return;
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                int done = task.getAsInt();
                if (done > 0) {
                    log.debug("{}: {} done", name, done);
                }
            } catch (RuntimeException failed) {
                log.warn("{} failed; trying again in {} ms: {}", name, millis, failed.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }
}
