package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase.RebuildRefused;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReportFactsVersions;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blue/green rebuilds of the reports through real Axon tracking processors over an in-memory event store. */
class ReportRebuildsTest {

    private static final Caller OPERATOR = new Caller("op", true);
    private static final Participation WHERE = new Participation("acme", "r-1", "t-1");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final Versions versions = new Versions();
    final SwitchableReportFacts answering = new SwitchableReportFacts(versions.version(0));
    final List<Runnable> followers = new ArrayList<>();
    TrackingEventProcessor live;
    int next;

    @BeforeEach
    void aLiveProjectionOverTwentyCompletions() {
        for (int i = 0; i < 20; i++) {
            complete();
        }
        live = TrackingEventProcessor.builder().name("reports")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new ReportProjection(answering)).build())
                .messageSource(store).tokenStore(tokens).transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(50, TimeUnit.MILLISECONDS))
                .build();
        live.start();
        awaitCompletions(answering, 20);
    }

    @AfterEach
    void stop() {
        live.shutDown();
        store.shutDown();
    }

    private ReportRebuilds rebuilds() {
        return new ReportRebuilds(versions, answering, store, tokens,
                name -> name.equals("reports") ? Optional.of((StreamingEventProcessor) live) : Optional.empty(),
                () -> Set.of("reports", "audit-trail"), followers::add);
    }

    private void complete() {
        String id = "a-" + next++;
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, Option.B);
        }
        Score score = Instruments.current().score(answers);
        store.publish(new GenericDomainEventMessage<>("Assessment", id, 0,
                        new AssessmentStarted(id, 1, Language.NL, AT, WHERE)),
                new GenericDomainEventMessage<>("Assessment", id, 1, new AssessmentCompleted(id, 1, score.answers(),
                        score.columnTotals(), score.total(), score.band(), AT)));
    }

    @Test
    void a_new_version_is_built_beside_the_answering_one_and_switched_to_when_caught_up() {
        ReportRebuilds rebuilds = rebuilds();
        long versionBefore = answering.version("acme");

        rebuilds.rebuild(OPERATOR, "reports");
        assertThat(rebuilds.rebuildPosition("reports")).isPresent();
        assertThat(rebuilds.rebuildPosition("audit-trail")).isEmpty();
        assertThatThrownBy(() -> rebuilds.rebuild(OPERATOR, "reports")).isInstanceOf(RebuildRefused.class)
                .hasMessageContaining("being rebuilt already");
        complete(); // an answer during the rebuild
        assertThat(answering.facts("acme", List.of("r-1")).completions()).as("the old version answers meanwhile")
                .hasSizeGreaterThanOrEqualTo(20);

        followers.remove(0).run();

        assertThat(rebuilds.rebuildPosition("reports")).isEmpty();
        assertThat(versions.active).isEqualTo(1);
        assertThat(versions.dropped).containsExactly(0);
        assertThat(answering.version("acme")).as("no kept basis can mistake the new facts for the old")
                .isGreaterThan(versionBefore);
        complete(); // an answer after the switch: the live processor writes into the new version
        awaitCompletions(versions.version(1), 22);
        assertThat(answering.facts("acme", List.of("r-1")).completions()).hasSize(22);
        assertThat(live.isRunning()).isTrue();
    }

    @Test
    void only_the_operator_and_only_the_reports() {
        ReportRebuilds rebuilds = rebuilds();
        assertThatThrownBy(() -> rebuilds.rebuild(new Caller("m", false), "reports")).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> rebuilds.rebuild(OPERATOR, "nope")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> rebuilds.rebuild(OPERATOR, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> rebuilds.rebuild(OPERATOR, "audit-trail")).isInstanceOf(RebuildRefused.class)
                .hasMessageContaining("rebuild audit-trail");
        assertThat(followers).isEmpty();
    }

    @Test
    void a_follower_that_cannot_start_leaves_no_rebuild_behind() {
        ReportRebuilds rebuilds = new ReportRebuilds(versions, answering, store, tokens,
                name -> Optional.of((StreamingEventProcessor) live), () -> Set.of("reports"), task -> {
                    throw new IllegalStateException("no threads");
                });
        assertThatThrownBy(() -> rebuilds.rebuild(OPERATOR, "reports")).isInstanceOf(IllegalStateException.class);
        assertThat(rebuilds.rebuildPosition("reports")).isEmpty();
    }

    private static void awaitCompletions(ReportFacts facts, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (facts.facts("acme", List.of("r-1")).completions().size() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(facts.facts("acme", List.of("r-1")).completions()).hasSize(count);
    }

    /** Versions of the facts in memory. */
    static final class Versions implements ReportFactsVersions {
        final Map<Integer, InMemoryReportFacts> versions = new HashMap<>();
        final List<Integer> dropped = new ArrayList<>();
        int active;

        @Override
        public int active() {
            return active;
        }

        @Override
        public ReportFacts version(int version) {
            return versions.computeIfAbsent(version, key -> new InMemoryReportFacts());
        }

        @Override
        public void activate(int version) {
            active = version;
        }

        @Override
        public void drop(int version) {
            dropped.add(version);
            versions.remove(version);
        }
    }
}
