package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.processing.ProjectionCoordinator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs this node's {@link ProjectionCoordinator} at intervals, from when the application has started (its processors
 * run) until it closes; then, before the processors release their claims, the node leaves, so that no other node
 * hands it a segment.
 */
final class ProjectionTimer implements ApplicationListener<ApplicationContextEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionTimer.class);

    private final ProjectionCoordinator coordinator;
    private final Duration tick;
    private ScheduledExecutorService timer;
    private ApplicationContext context;

    ProjectionTimer(ProjectionCoordinator coordinator, Duration tick) {
        this.coordinator = coordinator;
        this.tick = tick;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    /** Only this application's own start and close count (a child context's events reach its parent too). */
    @Override
    public synchronized void onApplicationEvent(ApplicationContextEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        if (event instanceof ContextRefreshedEvent && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "projection-coordinator");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        } else if (event instanceof ContextClosedEvent && timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
            try {
                coordinator.leave();
            } catch (RuntimeException e) {
                log.warn("This node could not say it leaves; it counts until its heartbeat is old: {}", e.toString());
            }
        }
    }

    private void tick() {
        try {
            coordinator.tick();
        } catch (RuntimeException e) {
            log.warn("Projection coordination failed; tried again at the next turn", e);
        }
    }
}
