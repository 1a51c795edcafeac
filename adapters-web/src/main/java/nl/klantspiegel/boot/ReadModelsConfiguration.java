package nl.klantspiegel.boot;

import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.organisation.OrganisationReadModels;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.ProjectionRebuilds;
import nl.klantspiegel.application.projection.RebuildableProjection;
import nl.klantspiegel.application.projection.Switchable;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.report.SwitchableReportFacts;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The read models everything holds, and how each projection is rebuilt while the product serves. Every read model is
 * opened in the version that answers (from the persistence adapter's {@link ReadModelVersions}) behind a
 * {@link Switchable} port, which a rebuild switches to the new version; every projection is registered here once
 * more as a {@link RebuildableProjection}: the read models it writes and how to make a second instance of it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelsConfiguration {

    // ----- the read models, switchable -------------------------------------------------------------------

    @Bean
    Switchable<OrganisationViews> switchableOrganisationViews(ReadModelVersions versions) {
        return answering(versions, OrganisationViewProjection.PROCESSING_GROUP, OrganisationViews.class);
    }

    @Bean
    OrganisationViews organisationViews(Switchable<OrganisationViews> switchable) {
        return switchable.port();
    }

    @Bean
    Switchable<Invitations> switchableInvitations(ReadModelVersions versions) {
        return answering(versions, OrganisationViewProjection.PROCESSING_GROUP, Invitations.class);
    }

    @Bean
    Invitations invitations(Switchable<Invitations> switchable) {
        return switchable.port();
    }

    @Bean
    Switchable<Memberships> switchableMemberships(ReadModelVersions versions) {
        return answering(versions, OrganisationViewProjection.PROCESSING_GROUP, Memberships.class);
    }

    @Bean
    Memberships memberships(Switchable<Memberships> switchable) {
        return switchable.port();
    }

    /** Switchable itself: its versions count on across switches, so no kept report basis takes new facts for old. */
    @Bean
    SwitchableReportFacts reportFacts(ReadModelVersions versions) {
        return new SwitchableReportFacts(
                versions.open(ReportFacts.class, versions.active(ReportProjection.PROCESSING_GROUP)));
    }

    @Bean
    Switchable<AnswerChangeFacts> switchableAnswerChangeFacts(ReadModelVersions versions) {
        return answering(versions, AnswerChangeProjection.PROCESSING_GROUP, AnswerChangeFacts.class);
    }

    @Bean
    AnswerChangeFacts answerChangeFacts(Switchable<AnswerChangeFacts> switchable) {
        return switchable.port();
    }

    @Bean
    Switchable<AuditTrail> switchableAuditTrail(ReadModelVersions versions) {
        return answering(versions, AuditTrailProjection.PROCESSING_GROUP, AuditTrail.class);
    }

    @Bean
    AuditTrail auditTrail(Switchable<AuditTrail> switchable) {
        return switchable.port();
    }

    /** A read model's port in the version of its projection that answers, switchable. */
    private static <T> Switchable<T> answering(ReadModelVersions versions, String projection, Class<T> port) {
        return Switchable.of(port, versions.open(port, versions.active(projection)));
    }

    // ----- the projections, rebuildable ------------------------------------------------------------------

    @Bean
    RebuildableProjection rebuildableOrganisationViews(Switchable<OrganisationViews> views,
                                                       Switchable<Invitations> invitations,
                                                       Switchable<Memberships> memberships) {
        return new RebuildableProjection(OrganisationViewProjection.PROCESSING_GROUP,
                List.of(views, invitations, memberships),
                stores -> new OrganisationViewProjection(new OrganisationReadModels(stores.get(OrganisationViews.class),
                        stores.get(Invitations.class), stores.get(Memberships.class))));
    }

    @Bean
    RebuildableProjection rebuildableReports(SwitchableReportFacts facts) {
        return new RebuildableProjection(ReportProjection.PROCESSING_GROUP, List.of(facts),
                stores -> new ReportProjection(stores.get(ReportFacts.class)));
    }

    @Bean
    RebuildableProjection rebuildableAnswerChanges(Switchable<AnswerChangeFacts> facts) {
        return new RebuildableProjection(AnswerChangeProjection.PROCESSING_GROUP, List.of(facts),
                stores -> new AnswerChangeProjection(stores.get(AnswerChangeFacts.class)));
    }

    @Bean
    RebuildableProjection rebuildableAuditTrail(Switchable<AuditTrail> trail) {
        return new RebuildableProjection(AuditTrailProjection.PROCESSING_GROUP, List.of(trail),
                stores -> new AuditTrailProjection(stores.get(AuditTrail.class)));
    }

    /** Rebuilds while the product serves (blue/green), each followed on a daemon thread of its own. */
    @Bean
    ProjectionRebuilds projectionRebuilds(List<RebuildableProjection> projections, ReadModelVersions versions,
                                          EventStore events, TokenStore tokens,
                                          ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new ProjectionRebuilds(projections, versions, events, tokens,
                name -> axon.getObject().eventProcessingConfiguration().eventProcessor(name,
                        StreamingEventProcessor.class),
                task -> {
                    Thread thread = new Thread(task, "projection-rebuild");
                    thread.setDaemon(true);
                    thread.start();
                });
    }
}
