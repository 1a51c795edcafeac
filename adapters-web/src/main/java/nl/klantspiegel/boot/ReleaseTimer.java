package nl.klantspiegel.boot;

import nl.klantspiegel.application.port.in.ReleaseResultsUseCase;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks for due releases of results a few times per release period (at most every 30 seconds), on every node: the
 * releases aggregate stores each release once, so nodes that look at the same moment do no harm. A failing look is
 * logged and the next one tries again.
 */
final class ReleaseTimer {

    private static final Logger log = LoggerFactory.getLogger(ReleaseTimer.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "release-timer");
        thread.setDaemon(true);
        return thread;
    });

    ReleaseTimer(ReleaseResultsUseCase releases, ReleaseSchedule schedule, boolean enabled) {
        if (!enabled) {
            return;
        }
        long every = Math.max(1, Math.min(Duration.ofSeconds(30).toMillis(), schedule.every().toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> {
            try {
                int made = releases.releaseDue();
                if (made > 0) {
                    log.debug("{} release(s) of results made", made);
                }
            } catch (RuntimeException failed) {
                log.warn("Looking for due releases failed; trying again in {} ms: {}", every, failed.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }
}
