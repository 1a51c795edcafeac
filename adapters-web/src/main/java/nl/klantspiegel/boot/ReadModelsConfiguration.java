package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.processing.ProjectionCoordinator;
import nl.klantspiegel.adapter.processing.ProjectionRebuilds;
import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.organisation.OrganisationReadModels;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.projection.ActiveReadModel;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.projection.ProjectionRebuildService;
import nl.klantspiegel.application.projection.RebuildableProjection;
import nl.klantspiegel.application.report.ActiveReportFacts;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.ReportProjection;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read models everything holds, and how each projection is rebuilt while the product serves. Every read model is
 * opened in the version that answers (from the persistence adapter's {@link ReadModelVersions}) behind a
 * {@link ActiveReadModel} port, which a rebuild switches to the new version; every projection is registered here once
 * more as a {@link RebuildableProjection}: the read models it writes and how to make a second instance of it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelsConfiguration {

    // ----- the read models, as they answer -------------------------------------------------------------------

    /**
     * Which version of every read model answers: the stored one, read at most {@code klantspiegel.projections
     * .version-check} (1 s) ago — the bound within which every node follows a rebuild's switch.
     */
    @Bean
    ActiveVersions activeVersions(ReadModelVersions versions, KlantspiegelProperties settings) {
        return new ActiveVersions(versions, settings.projections().versionCheck(), System::nanoTime);
    }

    @Bean
    ActiveReadModel<OrganisationViews> answeringOrganisationViews(ReadModelVersions versions, ActiveVersions active) {
        return answering(versions, active, OrganisationViewProjection.PROCESSING_GROUP, OrganisationViews.class);
    }

    @Bean
    OrganisationViews organisationViews(ActiveReadModel<OrganisationViews> answering) {
        return answering.port();
    }

    @Bean
    ActiveReadModel<Invitations> answeringInvitations(ReadModelVersions versions, ActiveVersions active) {
        return answering(versions, active, OrganisationViewProjection.PROCESSING_GROUP, Invitations.class);
    }

    @Bean
    Invitations invitations(ActiveReadModel<Invitations> answering) {
        return answering.port();
    }

    @Bean
    ActiveReadModel<Memberships> answeringMemberships(ReadModelVersions versions, ActiveVersions active) {
        return answering(versions, active, OrganisationViewProjection.PROCESSING_GROUP, Memberships.class);
    }

    @Bean
    Memberships memberships(ActiveReadModel<Memberships> answering) {
        return answering.port();
    }

    /** ActiveReadModel itself: its versions count on across switches, so no kept report basis takes new facts for old. */
    @Bean
    ActiveReportFacts reportFacts(ReadModelVersions versions, ActiveVersions active) {
        return new ActiveReportFacts(active, version -> versions.open(ReportFacts.class, version));
    }

    @Bean
    ActiveReadModel<AnswerChangeFacts> answeringAnswerChangeFacts(ReadModelVersions versions, ActiveVersions active) {
        return answering(versions, active, AnswerChangeProjection.PROCESSING_GROUP, AnswerChangeFacts.class);
    }

    @Bean
    AnswerChangeFacts answerChangeFacts(ActiveReadModel<AnswerChangeFacts> answering) {
        return answering.port();
    }

    @Bean
    ActiveReadModel<AuditTrail> answeringAuditTrail(ReadModelVersions versions, ActiveVersions active) {
        return answering(versions, active, AuditTrailProjection.PROCESSING_GROUP, AuditTrail.class);
    }

    @Bean
    AuditTrail auditTrail(ActiveReadModel<AuditTrail> answering) {
        return answering.port();
    }

    /** A read model's port in the version of its projection that answers now. */
    private static <T> ActiveReadModel<T> answering(ReadModelVersions versions, ActiveVersions active, String projection,
                                               Class<T> port) {
        return ActiveReadModel.of(port, projection, active, version -> versions.open(port, version));
    }

    // ----- the projections, rebuildable ------------------------------------------------------------------

    @Bean
    RebuildableProjection rebuildableOrganisationViews(ActiveReadModel<OrganisationViews> views,
                                                       ActiveReadModel<Invitations> invitations,
                                                       ActiveReadModel<Memberships> memberships) {
        return new RebuildableProjection(OrganisationViewProjection.PROCESSING_GROUP,
                List.of(views, invitations, memberships),
                stores -> new OrganisationViewProjection(new OrganisationReadModels(stores.get(OrganisationViews.class),
                        stores.get(Invitations.class), stores.get(Memberships.class))));
    }

    @Bean
    RebuildableProjection rebuildableReports(ActiveReportFacts facts) {
        return new RebuildableProjection(ReportProjection.PROCESSING_GROUP, List.of(facts),
                stores -> new ReportProjection(stores.get(ReportFacts.class)));
    }

    @Bean
    RebuildableProjection rebuildableAnswerChanges(ActiveReadModel<AnswerChangeFacts> facts) {
        return new RebuildableProjection(AnswerChangeProjection.PROCESSING_GROUP, List.of(facts),
                stores -> new AnswerChangeProjection(stores.get(AnswerChangeFacts.class)));
    }

    @Bean
    RebuildableProjection rebuildableAuditTrail(ActiveReadModel<AuditTrail> trail) {
        return new RebuildableProjection(AuditTrailProjection.PROCESSING_GROUP, List.of(trail),
                stores -> new AuditTrailProjection(stores.get(AuditTrail.class)));
    }

    /**
     * Rebuilds while the product serves (blue/green), each followed on a daemon thread of its own; one per projection
     * at a time on all nodes together.
     */
    @Bean
    ProjectionRebuildService projectionRebuildService(ProjectionRebuilds rebuilds) {
        return new ProjectionRebuildService(rebuilds);
    }

    @Bean
    ProjectionRebuilds projectionRebuilds(List<RebuildableProjection> projections, ReadModelVersions versions,
                                          ActiveVersions active, RebuildClaims claims, SharedTokens shared,
                                          Nodes nodes, EventStore events, TokenStore tokens,
                                          ObjectProvider<org.axonframework.config.Configuration> axon, Clock clock,
                                          KlantspiegelProperties properties) {
        return new ProjectionRebuilds(projections, versions, active, claims, shared, nodes.self(), events, tokens,
                name -> axon.getObject().eventProcessingConfiguration().eventProcessor(name,
                        StreamingEventProcessor.class),
                task -> {
                    Thread thread = new Thread(task, "projection-rebuild");
                    thread.setDaemon(true);
                    thread.start();
                },
                clock, new ProjectionRebuilds.Timing(properties.projections().heartbeat(),
                        properties.projections().rebuildTimeout(), properties.projections().switchTimeout(),
                        properties.projections().releaseFor()));
    }

    /** What this node does for the projections all nodes share; its timer starts once the application has. */
    @Bean
    ProjectionCoordinator projectionCoordinator(Nodes nodes, SharedTokens shared, RebuildClaims claims,
                                                ReadModelVersions versions, ActiveVersions active,
                                                List<RebuildableProjection> projections,
                                                ObjectProvider<org.axonframework.config.Configuration> axon,
                                                Clock clock, KlantspiegelProperties properties,
                                                Environment environment) {
        Map<String, Integer> segments = new TreeMap<>();
        for (RebuildableProjection projection : projections) {
            Integer wanted = environment.getProperty("axon.eventhandling.processors." + projection.name()
                    + ".initial-segment-count", Integer.class);
            if (wanted != null) {
                segments.put(projection.name(), wanted); // an installation from before it had as many is split
            }
        }
        return new ProjectionCoordinator(nodes, shared, claims, versions, active, projections, () -> {
            Map<String, StreamingEventProcessor> processors = new TreeMap<>();
            axon.getObject().eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    processors.put(name, streaming);
                }
            });
            return processors;
        }, segments, clock, coordination(properties.projections(), shared.claimTimeout()));
    }

    /** @param claimTimeout the token store's, as the persistence adapter configured it */
    private static ProjectionCoordinator.Settings coordination(KlantspiegelProperties.Projections timing,
                                                               Duration claimTimeout) {
        return new ProjectionCoordinator.Settings(timing.heartbeat(), timing.nodeTimeout(), claimTimeout,
                timing.balanceEvery(), timing.releaseFor(), timing.rebuildTimeout(), timing.dropAfter(),
                Duration.ofHours(1));
    }

    @Bean
    ProjectionTimer projectionTimer(ProjectionCoordinator coordinator, KlantspiegelProperties properties) {
        return new ProjectionTimer(coordinator, properties.projections().tick());
    }
}
