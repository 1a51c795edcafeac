package nl.klantspiegel.boot;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nl.klantspiegel.adapter.processing.ProjectionCatchUp;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code java -jar klantspiegel-exec.jar rebuild <name> [--klantspiegel.data-dir=…]}: rebuilds one projection of a
 * stopped installation from the first event, with a progress bar (events per second, time left), and exits when it has
 * caught up. Starts the application on a loopback port nobody is told about (no demo, no operator set-up), resets the
 * projection's position — its reset handler forgets what it kept — and follows its processor to the head.
 */
final class RebuildCommand {

    private RebuildCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args[1].startsWith("-")) {
            err.println("usage: java -jar klantspiegel-exec.jar rebuild <name> [--klantspiegel.data-dir=DIR]");
            err.println("  <name>  a projection (processing group): reports, answer-changes, organisation-views, audit-trail");
            err.println("  stop the installation first: the embedded database serves one process");
            return 2;
        }
        String name = args[1];
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KlantspiegelApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "klantspiegel.demo=false",
                        "spring.main.banner-mode=off", "logging.level.root=WARN")
                .run(rest)) {
            Configuration axon = app.getBean(Configuration.class);
            Optional<TrackingEventProcessor> found = axon.eventProcessingConfiguration()
                    .eventProcessor(name, TrackingEventProcessor.class);
            if (found.isEmpty()) {
                err.println("There is no projection '" + name + "'. There are: "
                        + String.join(", ", new TreeSet<>(axon.eventProcessingConfiguration().eventProcessors()
                        .keySet())) + ".");
                return 2;
            }
            TrackingEventProcessor processor = found.get();
            TrackingToken headToken = app.getBean(EventStore.class).createHeadToken();
            long head = headToken == null ? 0 : headToken.position().orElse(0);
            long started = System.nanoTime();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("rebuild " + name).setInitialMax(head)
                    .setUnit(" events", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build()) {
                while (!done(processor, head)) {
                    bar.stepTo(Math.min(head, position(processor)));
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                bar.stepTo(head);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("rebuilt %s: %,d events in %.1f s (%,.0f events/s)%n", name, head, seconds,
                    seconds > 0 ? head / seconds : 0);
            return 0;
        } catch (RuntimeException e) {
            err.println("rebuild failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean done(TrackingEventProcessor processor, long head) {
        return !processor.isReplaying() && ProjectionCatchUp.reachedEnd(processor) && position(processor) >= head;
    }

    private static long position(TrackingEventProcessor processor) {
        return ProjectionCatchUp.positionOf(processor).orElse(0);
    }
}
