package nl.klantspiegel.boot;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ProjectionsQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the progress of every projection that is rebuilding (or catching up after a start) to the log at intervals:
 * percentage, position and head, events per second and the time left (its end is said once by the node that
 * switched it). Quiet while everything is caught up.
 */
final class RebuildProgressLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RebuildProgressLog.class);
    private static final Caller SYSTEM = new Caller("rebuild-progress-log", true);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rebuild-progress-log");
        thread.setDaemon(true);
        return thread;
    });

    RebuildProgressLog(ProjectionsQuery projections, Duration interval) {
        timer.scheduleAtFixedRate(() -> {
            try {
                for (ProjectionsQuery.ProjectionStatus status : projections.projections(SYSTEM)) {
                    if (status.status() == ProjectionsQuery.Status.REBUILDING) {
                        log.info("Projection {} rebuilding: {} % ({} of {}), {} events/s, about {} left",
                                status.name(), status.percent(), status.position(), status.head(),
                                status.eventsPerSecond(), status.etaSeconds() == null ? "?"
                                        : Duration.ofSeconds(status.etaSeconds()).toString().substring(2).toLowerCase());
                    }
                }
            } catch (RuntimeException e) {
                log.debug("Projection progress not known yet: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
