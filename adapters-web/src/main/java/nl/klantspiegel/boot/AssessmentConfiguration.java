package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.processing.ProjectionCatchUp;
import nl.klantspiegel.application.assessment.AssessmentService;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.projection.ProjectionStatusService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the respondent's use cases and the projections' state by hand, each from the ports it needs. The ports out
 * ({@link EventLog}) come from whichever persistence adapter is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
public class AssessmentConfiguration {

    /** Event times in milliseconds: what every store keeps exactly. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /**
     * Takes the head of the event store while the application starts, before the web server opens its port
     * (which happens only once every bean is made): every event acknowledged before a restart or a crash, on any
     * node, lies at or before it. Whether the projections have reached it is read from the token store all nodes
     * share, whichever node processes them.
     */
    @Bean
    ProjectionCatchUp projectionCatchUp(EventStore eventStore, SharedTokens tokens) {
        return ProjectionCatchUp.fromNow(eventStore, tokens);
    }

    /** What a use case does before it reads a view: waits for it to catch up, at most the read-your-writes timeout. */
    @Bean
    CatchUpWait catchUpWait(ProjectionCatchUp catchUp, KlantspiegelProperties settings) {
        return new CatchUpWait(catchUp, settings.readYourWritesTimeout());
    }

    /** The projections' state for the operator: positions from Axon's processors, the head from the store. */
    @Bean
    ProjectionStatusService projectionStatusService(EventStore eventStore, ProjectionCatchUp catchUp,
                                                    ObjectProvider<org.axonframework.config.Configuration> axon,
                                                    nl.klantspiegel.application.port.in.RebuildProjectionUseCase rebuilds) {
        return new ProjectionStatusService(
                () -> axon.getObject().eventProcessingConfiguration().eventProcessors().keySet(),
                name -> rebuilds.rebuildPosition(name).isPresent() ? rebuilds.rebuildPosition(name)
                        : catchUp.position(name),
                name -> rebuilds.rebuildPosition(name).isPresent() || axon.getObject().eventProcessingConfiguration()
                        .eventProcessor(name, StreamingEventProcessor.class)
                        .map(StreamingEventProcessor::isReplaying).orElse(false),
                catchUp::isCaughtUp,
                () -> {
                    org.axonframework.eventhandling.TrackingToken head = eventStore.createHeadToken();
                    return head == null ? 0 : head.position().orElse(0);
                },
                System::nanoTime);
    }

    /** The progress of a rebuild in the log, every {@code klantspiegel.rebuild-log-interval} (10 s). */
    @Bean(destroyMethod = "close")
    RebuildProgressLog rebuildProgressLog(ProjectionStatusService projections,
                                          KlantspiegelProperties settings) {
        return new RebuildProgressLog(projections, settings.rebuildLogInterval());
    }

    /** The readiness group includes it (application.properties): ready once every projection has caught up. */
    @Bean("projections")
    ProjectionsHealth projectionsHealth(ProjectionCatchUp catchUp,
                                        ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new ProjectionsHealth(catchUp, axon);
    }

    /** The respondent's use cases: commands to the aggregate, reads from the assessment's own events. */
    @Bean
    AssessmentService assessmentService(CommandGateway commandGateway, EventLog log, Clock clock) {
        return new AssessmentService(commandGateway, log, clock);
    }
}
