package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReportFacts.Facts;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.SuppressionReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts the reports are computed from: only assessments started through an organisation's invitation, each
 * completion filed under the round and team it was started for, and the same facts whether events arrive twice,
 * interleaved over many assessments, or all over again after a reset.
 */
class ReportProjectionTest {

    private static final String ORG = "org-acme";
    private static final String OTHER_ORG = "org-other";
    private static final String SALES = "t-sales";
    private static final String SERVICE = "t-service";
    private static final List<String> ROUNDS = List.of("r-1", "r-2", "r-3");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final InMemoryReportFacts facts = new InMemoryReportFacts();
    private final ReportProjection projection = new ReportProjection(facts);

    @Test
    void the_public_test_is_skipped() {
        AssessmentStarted publicTest = new AssessmentStarted("a-public", 1, Language.NL, T0);

        projection.on(publicTest);
        projection.on(completed("a-public", T0.plusSeconds(300), 0));

        assertThat(facts.participation("a-public")).isEmpty();
        assertThat(facts.version(ORG)).isZero();
        assertThat(facts.isEmpty()).isTrue();
    }

    @Test
    void a_completion_is_filed_under_its_participations_round_and_team_with_its_answers_band_and_time() {
        Participation participation = new Participation(ORG, "r-1", SALES);
        Instant completedAt = Instant.parse("2026-03-03T14:15:16.789Z");
        AssessmentCompleted completed = completed("a-1", completedAt, 7);

        projection.on(new AssessmentStarted("a-1", 1, Language.EN, T0, participation));
        projection.on(completed);

        assertThat(facts.participation("a-1")).contains(participation);
        Facts read = facts.facts(ORG, List.of("r-1", "r-2"));
        assertThat(read.completions()).containsExactly(new Completion("a-1", "r-1", SALES, completedAt, 1,
                completed.answers(), completed.band()));
        Completion completion = read.completions().get(0);
        assertThat(completion.answers()).containsExactly(new ScoredAnswer(1, Option.C, 5),
                new ScoredAnswer(2, Option.A, 3), new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1),
                new ScoredAnswer(5, Option.A, 3), new ScoredAnswer(6, Option.B, 3));
        assertThat(completion.total()).isEqualTo(16);
        assertThat(completion.band()).isEqualTo(Band.AVERAGE);
        assertThat(completion.instrumentVersion()).isEqualTo(1);
        assertThat(read.started()).isEqualTo(Map.of("r-1", Map.of(SALES, 1)));
        assertThat(facts.facts(ORG, List.of("r-2"))).isEqualTo(new Facts(List.of(), Map.of()));
        assertThat(facts.facts(OTHER_ORG, List.of("r-1"))).isEqualTo(new Facts(List.of(), Map.of()));
        assertThat(facts.version(ORG)).isEqualTo(2);
    }

    @Test
    void the_completion_keeps_the_scored_answers_and_band_of_the_event_as_they_were() {
        List<ScoredAnswer> answers = List.of(new ScoredAnswer(1, Option.A, 1), new ScoredAnswer(2, Option.C, 1),
                new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1), new ScoredAnswer(5, Option.B, 1),
                new ScoredAnswer(6, Option.A, 1));
        Participation participation = new Participation(ORG, "r-2", SERVICE);
        projection.on(new AssessmentStarted("a-low", 1, Language.NL, T0, participation));
        projection.on(new AssessmentCompleted("a-low", 1, answers, new ColumnTotals(2, 2, 2), 6, Band.LOW,
                T0.plusSeconds(90)));

        assertThat(facts.facts(ORG, List.of("r-2")).completions()).containsExactly(
                new Completion("a-low", "r-2", SERVICE, T0.plusSeconds(90), 1, answers, Band.LOW));
    }

    @Test
    void a_started_assessment_without_completion_is_counted_as_started_only() {
        projection.on(started("a-1", new Participation(ORG, "r-1", SALES)));
        projection.on(started("a-2", new Participation(ORG, "r-1", SALES)));
        projection.on(started("a-3", new Participation(ORG, "r-1", SERVICE)));

        assertThat(facts.facts(ORG, List.of("r-1")))
                .isEqualTo(new Facts(List.of(), Map.of("r-1", Map.of(SALES, 2, SERVICE, 1))));
    }

    @Test
    void a_completion_whose_start_was_never_seen_is_ignored() {
        projection.on(completed("a-unseen", T0, 3));

        assertThat(facts.isEmpty()).isTrue();
        assertThat(facts.participation("a-unseen")).isEmpty();
        assertThat(facts.version(ORG)).isZero();
    }

    @Test
    void redelivery_of_every_event_leaves_the_facts_identical() {
        List<AssessmentEvent> events = stream();
        events.forEach(this::handle);
        Facts once = facts.facts(ORG, ROUNDS);
        Facts otherOnce = facts.facts(OTHER_ORG, ROUNDS);

        InMemoryReportFacts twiceFacts = new InMemoryReportFacts();
        ReportProjection twice = new ReportProjection(twiceFacts);
        for (AssessmentEvent event : events) {
            handle(twice, event);
            handle(twice, event);
        }
        events.forEach(event -> handle(twice, event));

        assertThat(twiceFacts.facts(ORG, ROUNDS)).isEqualTo(once);
        assertThat(twiceFacts.facts(OTHER_ORG, ROUNDS)).isEqualTo(otherOnce);
        assertThat(once.completions()).hasSize(16);
        assertThat(startedIn(once)).isEqualTo(20);
        assertThat(twiceFacts.version(ORG)).as("a redelivery may raise the version").isGreaterThan(facts.version(ORG));
    }

    @Test
    void events_of_many_assessments_interleaved_give_the_same_facts_as_in_order() {
        List<AssessmentEvent> inOrder = stream();
        inOrder.forEach(this::handle);

        for (long seed = 1; seed <= 5; seed++) {
            InMemoryReportFacts shuffledFacts = new InMemoryReportFacts();
            ReportProjection shuffled = new ReportProjection(shuffledFacts);
            List<AssessmentEvent> interleaved = interleaved(inOrder, new Random(seed));
            assertThat(interleaved).as("a different order").isNotEqualTo(inOrder)
                    .containsExactlyInAnyOrderElementsOf(inOrder);

            interleaved.forEach(event -> handle(shuffled, event));

            for (String organisation : List.of(ORG, OTHER_ORG)) {
                Facts expected = facts.facts(organisation, ROUNDS);
                Facts actual = shuffledFacts.facts(organisation, ROUNDS);
                assertThat(sorted(actual.completions())).isEqualTo(sorted(expected.completions()));
                assertThat(actual.started()).isEqualTo(expected.started());
                assertThat(decisions(actual)).isEqualTo(decisions(expected));
            }
        }
        Facts acme = facts.facts(ORG, ROUNDS);
        assertThat(acme.completions()).hasSize(16)
                .allSatisfy(completion -> assertThat(completion.assessmentId()).matches("a-\\d*[02468]"));
        assertThat(acme.started()).isEqualTo(Map.of(
                "r-1", Map.of(SALES, 4, SERVICE, 3),
                "r-2", Map.of(SALES, 4, SERVICE, 3),
                "r-3", Map.of(SALES, 3, SERVICE, 3)));
        assertThat(facts.facts(OTHER_ORG, ROUNDS).completions()).hasSize(16)
                .allSatisfy(completion -> assertThat(completion.assessmentId()).matches("a-\\d*[13579]"));
    }

    @Test
    void a_replay_after_a_reset_equals_the_live_build() {
        List<AssessmentEvent> events = interleaved(stream(), new Random(42));
        events.forEach(this::handle);
        Facts live = facts.facts(ORG, ROUNDS);
        Facts otherLive = facts.facts(OTHER_ORG, ROUNDS);
        Map<GroupKey, Optional<SuppressionReason>> liveDecisions = decisions(live);

        projection.reset();

        assertThat(facts.isEmpty()).isTrue();
        assertThat(facts.facts(ORG, ROUNDS)).isEqualTo(new Facts(List.of(), Map.of()));
        assertThat(facts.participation("a-0")).isEmpty();

        events.forEach(this::handle);

        assertThat(facts.facts(ORG, ROUNDS)).isEqualTo(live);
        assertThat(facts.facts(OTHER_ORG, ROUNDS)).isEqualTo(otherLive);
        assertThat(decisions(facts.facts(ORG, ROUNDS))).isEqualTo(liveDecisions);
        assertThat(liveDecisions).containsKey(GroupKey.round("r-1"))
                .containsValue(Optional.of(SuppressionReason.BELOW_MINIMUM));
        assertThat(live.completions()).hasSize(16);
    }

    // ----- events -------------------------------------------------------------------------------------

    /**
     * Forty assessments a-0 … a-39 and four of the public test: even ones of {@link #ORG}, odd ones of
     * {@link #OTHER_ORG}; round r-(1 + (i / 2) % 3); Sales for a-0 … a-5, Service for a-6 … a-11 and so on; one a
     * day from T0 (the ones of a day completed an hour after they started); every fifth (i % 5 == 4) never
     * completed. So each organisation has 20 started and 16 completed.
     */
    private static List<AssessmentEvent> stream() {
        List<AssessmentEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "a-" + i;
            Participation participation = new Participation(i % 2 == 0 ? ORG : OTHER_ORG,
                    ROUNDS.get((i / 2) % 3), (i / 6) % 2 == 0 ? SALES : SERVICE);
            Instant at = T0.plus(Duration.ofDays(i));
            events.add(new AssessmentStarted(id, 1, Language.NL, at, participation));
            if (i % 5 != 4) {
                events.add(completed(id, at.plus(Duration.ofHours(1)), i));
            }
            if (i % 10 == 0) {
                events.add(new AssessmentStarted("p-" + i, 1, Language.NL, at));
                events.add(completed("p-" + i, at.plusSeconds(60), i));
            }
        }
        return events;
    }

    /** The events in a random order that keeps each assessment's own events in order (started before completed). */
    private static List<AssessmentEvent> interleaved(List<AssessmentEvent> events, Random random) {
        Map<String, Deque<AssessmentEvent>> byAssessment = new java.util.LinkedHashMap<>();
        for (AssessmentEvent event : events) {
            byAssessment.computeIfAbsent(assessmentId(event), key -> new ArrayDeque<>()).add(event);
        }
        List<Deque<AssessmentEvent>> queues = new ArrayList<>(byAssessment.values());
        List<AssessmentEvent> result = new ArrayList<>();
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            result.add(queues.get(pick).poll());
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        return result;
    }

    private static String assessmentId(AssessmentEvent event) {
        if (event instanceof AssessmentStarted started) {
            return started.assessmentId();
        }
        return ((AssessmentCompleted) event).assessmentId();
    }

    private void handle(AssessmentEvent event) {
        handle(projection, event);
    }

    private static void handle(ReportProjection projection, AssessmentEvent event) {
        if (event instanceof AssessmentStarted started) {
            projection.on(started);
        } else {
            projection.on((AssessmentCompleted) event);
        }
    }

    private static AssessmentStarted started(String id, Participation participation) {
        return new AssessmentStarted(id, 1, Language.NL, T0, participation);
    }

    /** Completed with the answers of {@link #options(int)}, scored by instrument version 1. */
    @Test
    void a_batch_is_written_once_at_its_last_event_and_finds_starts_of_earlier_batches() {
        Participation sales = new Participation(ORG, "r-1", SALES);
        Participation service = new Participation(ORG, "r-2", SERVICE);
        projection.on(new AssessmentStarted("a-earlier", 1, Language.NL, T0, service)); // an earlier batch
        List<Object> events = List.of(
                new AssessmentStarted("a-1", 1, Language.NL, T0, sales),
                new AssessmentStarted("a-public", 1, Language.NL, T0),
                new nl.klantspiegel.domain.assessment.AnswerGiven("a-1", 1, Option.C, T0.plusSeconds(5)),
                completed("a-1", T0.plusSeconds(60), 0),
                completed("a-earlier", T0.plusSeconds(70), 1),
                completed("a-public", T0.plusSeconds(80), 2),
                new nl.klantspiegel.domain.assessment.AnswerGiven("a-2", 1, Option.A, T0.plusSeconds(90)));
        List<org.axonframework.eventhandling.EventMessage<?>> messages = events.stream()
                .<org.axonframework.eventhandling.EventMessage<?>>map(
                        org.axonframework.eventhandling.GenericEventMessage::asEventMessage)
                .toList();
        org.axonframework.messaging.unitofwork.BatchingUnitOfWork<org.axonframework.eventhandling.EventMessage<?>>
                batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(messages);
        List<Integer> writtenBefore = new ArrayList<>();

        batch.executeWithResult(() -> {
            writtenBefore.add(facts.applied().size() - 1); // the earlier batch's single write is not counted
            Object event = batch.getMessage().getPayload();
            if (event instanceof AssessmentStarted started) {
                projection.on(started, batch);
            } else if (event instanceof AssessmentCompleted completed) {
                projection.on(completed, batch);
            } else {
                projection.on(event, batch);
            }
            return null;
        });

        assertThat(writtenBefore).as("nothing written before the last event").containsOnly(0);
        assertThat(facts.applied()).hasSize(2);
        ReportFacts.Changes written = facts.applied().get(1);
        assertThat(written.started()).containsOnlyKeys("a-1");
        assertThat(written.completed()).extracting(filed -> filed.completion().assessmentId())
                .containsExactly("a-1", "a-earlier");
        assertThat(written.completed()).extracting(filed -> filed.participation())
                .containsExactly(sales, service);
        Facts read = facts.facts(ORG, List.of("r-1", "r-2"));
        assertThat(read.completions()).extracting(Completion::assessmentId)
                .containsExactlyInAnyOrder("a-1", "a-earlier");
        assertThat(read.started()).isEqualTo(Map.of("r-1", Map.of(SALES, 1), "r-2", Map.of(SERVICE, 1)));
    }

    private static AssessmentCompleted completed(String id, Instant at, int variant) {
        Score score = Instruments.current().score(options(variant));
        return new AssessmentCompleted(id, score.instrumentVersion(), score.answers(), score.columnTotals(),
                score.total(), score.band(), at);
    }

    /** Question q answered with option (variant + q) mod 3. */
    private static Map<Integer, Option> options(int variant) {
        Map<Integer, Option> options = new HashMap<>();
        IntStream.rangeClosed(1, 6).forEach(question ->
                options.put(question, Option.values()[(variant + question) % 3]));
        return options;
    }

    private static List<Completion> sorted(List<Completion> completions) {
        return completions.stream().sorted(Comparator.comparing(Completion::assessmentId)).toList();
    }

    private static int startedIn(Facts facts) {
        return facts.started().values().stream()
                .mapToInt(byTeam -> byTeam.values().stream().mapToInt(Integer::intValue).sum()).sum();
    }

    private static Map<GroupKey, Optional<SuppressionReason>> decisions(Facts facts) {
        return ReportBasis.of(facts.completions(), facts.started(), 3).floor().decisions();
    }
}
