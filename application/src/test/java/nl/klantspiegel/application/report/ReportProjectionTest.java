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
import nl.klantspiegel.domain.release.ResultsReleased;
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
 * completion filed under the round and team it was started for, each release marking what it showed, and the same
 * facts whether events arrive twice, interleaved over many assessments, or all over again after a reset.
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
        assertThat(completions(read)).containsExactly(new Completion("a-1", "r-1", SALES, completedAt, 1,
                completed.answers(), completed.band()));
        assertThat(read.completed().get(0).release()).as("not released yet").isEmpty();
        Completion completion = completions(read).get(0);
        assertThat(completion.answers()).containsExactly(new ScoredAnswer(1, Option.C, 5),
                new ScoredAnswer(2, Option.A, 3), new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1),
                new ScoredAnswer(5, Option.A, 3), new ScoredAnswer(6, Option.B, 3));
        assertThat(completion.total()).isEqualTo(16);
        assertThat(completion.band()).isEqualTo(Band.AVERAGE);
        assertThat(completion.instrumentVersion()).isEqualTo(1);
        assertThat(facts.participations(List.of("a-1", "a-2"))).isEqualTo(Map.of("a-1", participation));
        assertThat(facts.facts(ORG, List.of("r-2"))).isEqualTo(nothing());
        assertThat(facts.facts(OTHER_ORG, List.of("r-1"))).isEqualTo(nothing());
        assertThat(facts.version(ORG)).as("nothing released: nothing any report shows changed").isZero();
    }

    @Test
    void a_release_marks_what_it_showed_and_is_the_organisations_last() {
        Participation sales = new Participation(ORG, "r-1", SALES);
        Participation service = new Participation(ORG, "r-1", SERVICE);
        for (int i = 0; i < 3; i++) {
            projection.on(new AssessmentStarted("a-" + i, 1, Language.NL, T0.plusSeconds(i), i < 2 ? sales : service));
            projection.on(completed("a-" + i, T0.plusSeconds(60 + i), i));
        }
        Instant at = T0.plus(Duration.ofHours(2));
        projection.on(new ResultsReleased(ORG, 1, at.minusSeconds(5), 2,
                List.of(new ResultsReleased.Batch("r-1", SALES, List.of("a-0", "a-1"))), at));
        projection.on(new ResultsReleased(ORG, 2, at.plusSeconds(3600), 1,
                List.of(new ResultsReleased.Batch("r-1", null, List.of("a-2"))), at.plusSeconds(3600)));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.lastRelease()).isEqualTo(2);
        assertThat(read.lastCutoff()).contains(at.plusSeconds(3600));
        assertThat(read.completed()).extracting(ReportFacts.CompletedFact::release).containsExactly(
                Optional.of(new ReportFacts.Mark(1, at, false)), Optional.of(new ReportFacts.Mark(1, at, false)),
                Optional.of(new ReportFacts.Mark(2, at.plusSeconds(3600), true)));
        assertThat(facts.version(ORG)).isEqualTo(2);
    }

    @Test
    void a_release_in_a_batch_comes_after_the_events_before_it_are_written() {
        Participation sales = new Participation(ORG, "r-1", SALES);
        Instant at = T0.plus(Duration.ofHours(2));
        List<Object> events = List.of(
                new AssessmentStarted("a-1", 1, Language.NL, T0, sales),
                completed("a-1", T0.plusSeconds(60), 0),
                new ResultsReleased(ORG, 1, at, 1, List.of(new ResultsReleased.Batch("r-1", SALES, List.of("a-1"))),
                        at),
                new AssessmentStarted("a-2", 1, Language.NL, at.plusSeconds(1), sales));

        inOneBatch(events);

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.completed().get(0).release()).contains(new ReportFacts.Mark(1, at, false));
        assertThat(facts.participations(List.of("a-1", "a-2"))).containsOnlyKeys("a-1", "a-2");
        assertThat(facts.applied()).as("before the release, and at the batch's end").hasSize(2);
    }

    private void inOneBatch(List<Object> events) {
        List<org.axonframework.eventhandling.EventMessage<?>> messages = events.stream()
                .<org.axonframework.eventhandling.EventMessage<?>>map(
                        org.axonframework.eventhandling.GenericEventMessage::asEventMessage)
                .toList();
        org.axonframework.messaging.unitofwork.BatchingUnitOfWork<org.axonframework.eventhandling.EventMessage<?>>
                batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> {
            Object event = batch.getMessage().getPayload();
            if (event instanceof AssessmentStarted started) {
                projection.on(started, batch);
            } else if (event instanceof AssessmentCompleted completed) {
                projection.on(completed, batch);
            } else if (event instanceof ResultsReleased released) {
                projection.on(released, batch);
            } else {
                projection.on(event, batch);
            }
            return null;
        });
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

        assertThat(completions(facts.facts(ORG, List.of("r-2")))).containsExactly(
                new Completion("a-low", "r-2", SERVICE, T0.plusSeconds(90), 1, answers, Band.LOW));
    }

    @Test
    void a_started_assessment_without_completion_is_counted_as_started_only() {
        projection.on(started("a-1", new Participation(ORG, "r-1", SALES)));
        projection.on(started("a-2", new Participation(ORG, "r-1", SALES)));
        projection.on(started("a-3", new Participation(ORG, "r-1", SERVICE)));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.completed()).isEmpty();
        assertThat(facts.participations(List.of("a-1", "a-2", "a-3"))).hasSize(3);
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
        List<Object> events = stream();
        events.forEach(this::handle);
        Facts once = facts.facts(ORG, ROUNDS);
        Facts otherOnce = facts.facts(OTHER_ORG, ROUNDS);

        InMemoryReportFacts twiceFacts = new InMemoryReportFacts();
        ReportProjection twice = new ReportProjection(twiceFacts);
        for (Object event : events) {
            handle(twice, event);
            handle(twice, event);
        }
        events.forEach(event -> handle(twice, event));

        assertThat(twiceFacts.facts(ORG, ROUNDS)).isEqualTo(once);
        assertThat(twiceFacts.facts(OTHER_ORG, ROUNDS)).isEqualTo(otherOnce);
        assertThat(once.completed()).hasSize(16);
        assertThat(twiceFacts.participations(ids(40))).hasSize(40);
        assertThat(once.lastRelease()).isEqualTo(1);
    }

    @Test
    void events_of_many_assessments_interleaved_give_the_same_facts_as_in_order() {
        List<Object> inOrder = stream();
        inOrder.forEach(this::handle);

        for (long seed = 1; seed <= 5; seed++) {
            InMemoryReportFacts shuffledFacts = new InMemoryReportFacts();
            ReportProjection shuffled = new ReportProjection(shuffledFacts);
            List<Object> interleaved = interleaved(inOrder, new Random(seed));
            assertThat(interleaved).as("a different order").isNotEqualTo(inOrder)
                    .containsExactlyInAnyOrderElementsOf(inOrder);

            interleaved.forEach(event -> handle(shuffled, event));

            for (String organisation : List.of(ORG, OTHER_ORG)) {
                Facts expected = facts.facts(organisation, ROUNDS);
                Facts actual = shuffledFacts.facts(organisation, ROUNDS);
                assertThat(sorted(completions(actual))).isEqualTo(sorted(completions(expected)));
                assertThat(shuffledFacts.participations(ids(40))).isEqualTo(facts.participations(ids(40)));
                assertThat(marks(actual)).isEqualTo(marks(expected));
            }
        }
        Facts acme = facts.facts(ORG, ROUNDS);
        assertThat(completions(acme)).hasSize(16)
                .allSatisfy(completion -> assertThat(completion.assessmentId()).matches("a-\\d*[02468]"));
        assertThat(facts.participations(ids(40)).values().stream().filter(where -> where.organisationId().equals(ORG))
                .count()).isEqualTo(20);
        assertThat(completions(facts.facts(OTHER_ORG, ROUNDS))).hasSize(16)
                .allSatisfy(completion -> assertThat(completion.assessmentId()).matches("a-\\d*[13579]"));
    }

    @Test
    void a_replay_after_a_reset_equals_the_live_build() {
        List<Object> events = interleaved(stream(), new Random(42));
        events.forEach(this::handle);
        Facts live = facts.facts(ORG, ROUNDS);
        Facts otherLive = facts.facts(OTHER_ORG, ROUNDS);
        long versionBefore = facts.version(ORG);

        projection.reset();

        assertThat(facts.isEmpty()).isTrue();
        assertThat(facts.facts(ORG, ROUNDS)).isEqualTo(nothing());
        assertThat(facts.participation("a-0")).isEmpty();
        assertThat(facts.version(ORG)).as("never lowered").isGreaterThan(versionBefore);

        events.forEach(this::handle);

        assertThat(facts.facts(ORG, ROUNDS)).isEqualTo(live);
        assertThat(facts.facts(OTHER_ORG, ROUNDS)).isEqualTo(otherLive);
        assertThat(live.completed()).hasSize(16);
        assertThat(marks(live)).as("the release's batch marked again").hasSize(3);
    }

    // ----- events -------------------------------------------------------------------------------------

    /**
     * Forty assessments a-0 … a-39 and four of the public test: even ones of {@link #ORG}, odd ones of
     * {@link #OTHER_ORG}; round r-(1 + (i / 2) % 3); Sales for a-0 … a-5, Service for a-6 … a-11 and so on; one a
     * day from T0 (the ones of a day completed an hour after they started); every fifth (i % 5 == 4) never
     * completed. So each organisation has 20 started and 16 completed. Then release 1 of {@link #ORG}: the three
     * completed of Sales in r-1.
     */
    private static List<Object> stream() {
        List<Object> events = new ArrayList<>();
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
        Instant end = T0.plus(Duration.ofDays(41));
        events.add(new ResultsReleased(ORG, 1, end, 3, List.of(new ResultsReleased.Batch("r-1", SALES,
                List.of("a-0", "a-12", "a-36"))), end));
        return events;
    }

    /**
     * The events in a random order that keeps each assessment's own events in order (started before completed), and
     * the release last (it comes after what it releases).
     */
    private static List<Object> interleaved(List<Object> events, Random random) {
        Map<String, Deque<Object>> byAssessment = new java.util.LinkedHashMap<>();
        Object release = events.get(events.size() - 1);
        for (Object event : events.subList(0, events.size() - 1)) {
            byAssessment.computeIfAbsent(((AssessmentEvent) event).assessmentId(), key -> new ArrayDeque<>())
                    .add(event);
        }
        List<Deque<Object>> queues = new ArrayList<>(byAssessment.values());
        List<Object> result = new ArrayList<>();
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            result.add(queues.get(pick).poll());
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        result.add(release);
        return result;
    }

    private void handle(Object event) {
        handle(projection, event);
    }

    private static void handle(ReportProjection projection, Object event) {
        if (event instanceof AssessmentStarted started) {
            projection.on(started);
        } else if (event instanceof ResultsReleased released) {
            projection.on(released);
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
        assertThat(completions(read)).extracting(Completion::assessmentId)
                .containsExactlyInAnyOrder("a-1", "a-earlier");
        assertThat(facts.participations(List.of("a-1", "a-earlier"))).isEqualTo(Map.of("a-1", sales,
                "a-earlier", service));
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

    private static Facts nothing() {
        return new Facts(List.of(), 0, Optional.empty());
    }

    private static List<Completion> completions(Facts facts) {
        return facts.completed().stream().map(ReportFacts.CompletedFact::completion).toList();
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "a-" + i).toList();
    }

    private static Map<String, ReportFacts.Mark> marks(Facts facts) {
        Map<String, ReportFacts.Mark> marks = new HashMap<>();
        facts.completed().forEach(fact -> fact.release().ifPresent(mark -> marks.put(
                fact.completion().assessmentId(), mark)));
        return marks;
    }
}
