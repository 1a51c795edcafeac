package nl.klantspiegel.application.anonymity;

import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.audit.AuditService;
import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.export.AssessmentExportService;
import nl.klantspiegel.application.export.EventExportService;
import nl.klantspiegel.application.organisation.OrganisationReadModels;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.application.release.ReleaseResultsCommand;
import nl.klantspiegel.application.release.ReleaseService;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.AnswerChangeService;
import nl.klantspiegel.application.report.ReleasedResults;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.report.ReportService;
import nl.klantspiegel.application.report.RescoringService;
import nl.klantspiegel.application.testing.InMemoryPseudonymKey;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.ReportBasis;
import java.util.ArrayList;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.FakePasswordHashing;
import nl.klantspiegel.application.testing.InMemoryAccounts;
import nl.klantspiegel.application.testing.InMemoryAnswerChangeFacts;
import nl.klantspiegel.application.testing.InMemoryApiTokens;
import nl.klantspiegel.application.testing.InMemoryAuditTrail;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.InMemoryInvitations;
import nl.klantspiegel.application.testing.InMemoryMemberships;
import nl.klantspiegel.application.testing.InMemoryOperatorSetup;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.application.testing.InMemorySignInThrottles;
import nl.klantspiegel.application.testing.MutableClock;
import nl.klantspiegel.application.testing.RecordingEventGateway;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The application's projections and queries, wired on in-memory ports as the composition root wires them on MongoDB:
 * events go to every projection as Axon would deliver them, and the attacker asks the real use cases.
 */
final class ApplicationUnderAttack {

    final MutableClock clock = new MutableClock(AttackScenario.START);
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final InMemoryAnswerChangeFacts answerChanges = new InMemoryAnswerChangeFacts();
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final InMemoryMemberships memberships = new InMemoryMemberships();
    final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    final InMemoryPseudonymKey key = new InMemoryPseudonymKey();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<AnnotationEventHandlerAdapter> projections;
    /** Every release made, in order: what the organisation was shown, and when. */
    final List<ResultsReleased> releases = new ArrayList<>();
    private final Map<String, Releases> releaseStates = new HashMap<>();

    final ReleasedResults released;
    final ReleaseService releasing;
    final ReportService reports;
    final AnswerChangeService changes;
    final RescoringService rescoring;
    final AssessmentExportService rows;
    final EventExportService export;
    final AuditService audit;

    ApplicationUnderAttack() {
        projections = List.of(
                new AnnotationEventHandlerAdapter(new OrganisationViewProjection(new OrganisationReadModels(views,
                        new InMemoryInvitations(), memberships))),
                new AnnotationEventHandlerAdapter(new ReportProjection(facts)),
                new AnnotationEventHandlerAdapter(new AnswerChangeProjection(answerChanges)),
                new AnnotationEventHandlerAdapter(new AuditTrailProjection(trail)));
        Duration timeout = Duration.ofSeconds(5);
        released = new ReleasedResults(facts, 10);
        reports = new ReportService(released, views, CatchUps.caughtUp(timeout), clock);
        changes = new AnswerChangeService(answerChanges, reports, CatchUps.caughtUp(timeout));
        releasing = new ReleaseService(facts, views, new ReleasingCommands(),
                new ReleaseSchedule(ReleaseSchedule.HOURLY, ReportBasis.ZONE), clock);
        AlternativeScoring onlyOriented = AlternativeScoring.parse("""
                id = oriented
                version = 1
                name = Only the customer-oriented answer
                instrument = 1
                points.1 = 0, 0, 5
                points.2 = 0, 5, 0
                points.3 = 5, 0, 0
                points.4 = 0, 5, 0
                points.5 = 0, 0, 5
                points.6 = 0, 0, 5
                band.LOW = 0-10
                band.AVERAGE = 11-20
                band.HIGH = 21-30
                """, AlternativeScoring.pointsOf(Instruments.current()));
        rescoring = new RescoringService(reports, new Scorings() {
            @Override
            public List<AlternativeScoring> valid() {
                return List.of(onlyOriented);
            }

            @Override
            public List<Refused> refused() {
                return List.of();
            }
        });
        CommandGateway recorder = new RecordingCommands();
        rows = new AssessmentExportService(reports, key, recorder, clock);
        export = new EventExportService(log, views, key, recorder, clock);
        Enrolment accounts = new Enrolment(new InMemoryAccounts(), new FakePasswordHashing(),
                new RecordingEventGateway(), clock);
        audit = new AuditService(trail, views, accounts, released, CatchUps.caughtUp(timeout));
    }

    /**
     * Time passes until a moment: at half a minute past every whole hour on the way, the releases due then are made, as
     * the release timer of every node makes them (whether or not anything else happens).
     */
    void passTimeTo(Instant moment) {
        Instant hour = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600 + 30);
        for (; hour.isBefore(moment); hour = hour.plusSeconds(3600)) {
            clock.set(hour);
            releasing.releaseDue();
        }
    }

    /** One event happens: stored, and delivered to every projection; the clock stands just after it (or later). */
    void happen(Object event, Instant at) {
        if (clock.instant().isBefore(at.plusMillis(1))) {
            clock.set(at.plusMillis(1));
        }
        log.add(event);
        String aggregate = event instanceof AssessmentEvent assessment ? assessment.assessmentId()
                : event instanceof OrganisationEvent organisation ? organisation.organisationId()
                : event instanceof ResultsReleased release ? Releases.aggregateId(release.organisationId()) : "other";
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        EventMessage<?> message = new GenericDomainEventMessage<>("Aggregate", aggregate, sequence, event,
                org.axonframework.messaging.MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), at);
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(message)) {
                DefaultUnitOfWork.startAndGet(message).execute(() -> {
                    try {
                        projection.handle(message);
                    } catch (Exception failed) {
                        throw new IllegalStateException(failed);
                    }
                });
            }
        }
    }

    /** The releases aggregate, as Axon runs it: the domain decides, the release is stored and delivered. */
    private final class ReleasingCommands extends RecordingCommands {
        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            ReleaseResultsCommand release = (ReleaseResultsCommand) command;
            Releases state = releaseStates.getOrDefault(release.organisationId(),
                    Releases.none(release.organisationId()));
            state.release(release.due(), release.at()).ifPresent(made -> {
                releaseStates.put(release.organisationId(), state.evolve(made));
                releases.add(made);
                happen(made, made.at());
            });
            return (R) Long.valueOf(releaseStates.getOrDefault(release.organisationId(), state).last());
        }
    }

    /** Every command the queries send (recording an export in the audit trail) is accepted and does nothing here. */
    private static class RecordingCommands implements CommandGateway {
        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        }

        @Override
        public <R> R sendAndWait(Object command) {
            return null;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return null;
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            return () -> true;
        }
    }

    static <T> T quietly(Function<Void, T> call) {
        return call.apply(null);
    }
}
