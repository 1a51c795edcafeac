package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReportFacts.Changes;
import nl.klantspiegel.application.port.out.ReportFacts.CompletedFact;
import nl.klantspiegel.application.port.out.ReportFacts.Facts;
import nl.klantspiegel.application.port.out.ReportFacts.Filed;
import nl.klantspiegel.application.port.out.ReportFacts.Mark;
import nl.klantspiegel.application.port.out.ReportFacts.Started;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import nl.klantspiegel.domain.report.Completion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ReportFacts} promises, held to the MongoDB adapter and the in-memory fake alike: where an
 * assessment was started is found, alone or several at once, and is no fact of its round; a completion is read back
 * with every field under its organisation's round only; a release marks the completions of its batches in every round
 * it names and is the last release only when it is the newest; the same write twice changes nothing (but a release
 * raises the version); the version rises with releases and clears only, the completions counter with every completion
 * filed, both never lowered; a clear forgets the facts and the releases, which are built again from the first write.
 * Times are whole milliseconds, as the shared store keeps them.
 */
public abstract class ReportFactsContract {

    public static final String ORG = "org-acme";
    public static final String OTHER_ORG = "org-other";
    public static final String A1 = "5b1f7a5e-8c1d-4f3a-9a2b-0c4d5e6f7a81";
    public static final String A2 = "6c2e8b6f-9d2e-4a4b-8b3c-1d5e6f7a8b92";
    public static final String A3 = "7d3f9c70-ae3f-4b5c-9c4d-2e6f7a8b9ca3";
    public static final String A4 = "8e40ad81-bf40-4c6d-ad5e-3f7a8b9cadb4";
    private static final String A5 = "9f51be92-c051-4d7e-be6f-4a8b9cadbec5";
    public static final String A6 = "a062cfa3-d162-4e8f-cf70-5b9cadbecfd6";
    public static final Instant STARTED_AT = Instant.parse("2026-11-22T09:01:07.456Z");
    public static final Instant AT = Instant.parse("2026-11-22T09:15:42.123Z");
    public static final Instant CUTOFF_1 = Instant.parse("2026-11-23T00:00:00Z");
    public static final Instant RELEASED_1 = Instant.parse("2026-11-23T00:00:05.250Z");
    public static final Instant CUTOFF_2 = Instant.parse("2026-11-30T00:00:00Z");
    public static final Instant RELEASED_2 = Instant.parse("2026-11-30T00:00:04.750Z");
    public static final Participation SALES = new Participation(ORG, "r-1", "t-sales");
    public static final Participation SERVICE = new Participation(ORG, "r-1", "t-service");
    public static final List<ScoredAnswer> HIGH_ANSWERS = List.of(new ScoredAnswer(1, Option.C, 5),
            new ScoredAnswer(2, Option.B, 5), new ScoredAnswer(3, Option.A, 5), new ScoredAnswer(4, Option.B, 5),
            new ScoredAnswer(5, Option.C, 5), new ScoredAnswer(6, Option.C, 5));
    public static final List<ScoredAnswer> LOW_ANSWERS = List.of(new ScoredAnswer(1, Option.A, 1),
            new ScoredAnswer(2, Option.C, 1), new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1),
            new ScoredAnswer(5, Option.B, 1), new ScoredAnswer(6, Option.A, 1));
    private static final Facts NONE = new Facts(List.of(), 0, Optional.empty());

    private ReportFacts facts;

    /** A new, empty store. */
    protected abstract ReportFacts newFacts();

    @BeforeEach
    void noFactsYet() {
        facts = newFacts();
    }

    // ----- started and completed ----------------------------------------------------------------------

    @Test
    void an_empty_store_knows_no_assessment_no_fact_and_counts_nothing() {
        assertThat(facts.participation(A1)).isEmpty();
        assertThat(facts.participations(List.of(A1, A2))).isEmpty();
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(NONE);
        assertThat(facts.version(ORG)).isZero();
        assertThat(facts.completions(ORG)).isZero();
    }

    @Test
    void a_started_assessment_is_kept_as_its_participation_alone_and_is_no_fact_of_its_round() {
        start(A1, SALES, STARTED_AT);

        assertThat(facts.participation(A1)).contains(SALES);
        assertThat(facts.participation(A2)).isEmpty();
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(NONE);
        assertThat(facts.completions(ORG)).isZero();
    }

    @Test
    void the_participations_of_several_assessments_are_read_at_once() {
        Participation elsewhere = new Participation(OTHER_ORG, "r-9", "t-x");
        apply(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SERVICE, STARTED_AT),
                A3, new Started(elsewhere, STARTED_AT)), List.of());

        assertThat(facts.participations(List.of(A1, A3, A4))).isEqualTo(Map.of(A1, SALES, A3, elsewhere));
        assertThat(facts.participations(List.of())).isEmpty();
    }

    @Test
    void a_completed_assessment_is_read_back_with_every_field() {
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Completion low = new Completion(A2, "r-1", "t-service", AT.plusMillis(1), 2, LOW_ANSWERS, Band.LOW);
        apply(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SERVICE, STARTED_AT)), List.of());

        apply(Map.of(), List.of(new Filed(SALES, high), new Filed(SERVICE, low)));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(sortedCompletions(read.completed())).containsExactly(
                new CompletedFact(high, Optional.empty()), new CompletedFact(low, Optional.empty()));
        Completion readHigh = sortedCompletions(read.completed()).get(0).completion();
        assertThat(readHigh.answers()).extracting(ScoredAnswer::option)
                .containsExactly(Option.C, Option.B, Option.A, Option.B, Option.C, Option.C);
        assertThat(readHigh.total()).isEqualTo(30);
        assertThat(read.lastRelease()).isZero();
        assertThat(read.lastCutoff()).isEmpty();
    }

    @Test
    void the_same_write_twice_changes_nothing() {
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Changes changes = new Changes(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SALES, STARTED_AT)),
                List.of(new Filed(SALES, high)));
        facts.apply(changes);
        Facts once = facts.facts(ORG, List.of("r-1"));

        facts.apply(changes);
        apply(Map.of(A2, new Started(SALES, STARTED_AT)), List.of(new Filed(SALES, high)));

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(once);
        assertThat(once.completed()).containsExactly(new CompletedFact(high, Optional.empty()));
        assertThat(facts.participations(List.of(A1, A2))).isEqualTo(Map.of(A1, SALES, A2, SALES));
        assertThat(facts.version(ORG)).isZero();
    }

    @Test
    void an_empty_batch_changes_nothing() {
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Changes none = new Changes(Map.of(), List.of());
        assertThat(none.isEmpty()).isTrue();

        facts.apply(none);

        assertThat(facts.facts(ORG, List.of("r-1")).completed())
                .containsExactly(new CompletedFact(first, Optional.empty()));
        assertThat(facts.completions(ORG)).isEqualTo(1);
    }

    // ----- releases -----------------------------------------------------------------------------------

    @Test
    void a_release_marks_the_completions_of_its_batches_and_is_the_last_release() {
        Completion a1 = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion a2 = completedIn(A2, SALES, LOW_ANSWERS, Band.LOW);
        Completion a3 = completedIn(A3, SERVICE, HIGH_ANSWERS, Band.HIGH);
        Completion a4 = completedIn(A4, SERVICE, LOW_ANSWERS, Band.LOW);
        start(A5, SERVICE, STARTED_AT);
        Completion notReleased = completedIn(A6, SALES, HIGH_ANSWERS, Band.HIGH);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 2,
                List.of(new Batch("r-1", "t-sales", List.of(A1, A2)), new Batch("r-1", null, List.of(A3, A4))),
                RELEASED_1));

        Facts read = facts.facts(ORG, List.of("r-1"));
        Mark team = new Mark(1, RELEASED_1, false);
        Mark pooled = new Mark(1, RELEASED_1, true);
        assertThat(sortedCompletions(read.completed())).containsExactly(
                new CompletedFact(a1, Optional.of(team)),
                new CompletedFact(a2, Optional.of(team)),
                new CompletedFact(a3, Optional.of(pooled)),
                new CompletedFact(a4, Optional.of(pooled)),
                new CompletedFact(notReleased, Optional.empty()));
        assertThat(read.lastRelease()).isEqualTo(1);
        assertThat(read.lastCutoff()).contains(CUTOFF_1);
    }

    @Test
    void a_release_marks_every_round_it_names_and_no_other_organisation() {
        Participation secondRound = new Participation(ORG, "r-2", "t-sales");
        Participation otherOrg = new Participation(OTHER_ORG, "r-1", "t-sales");
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion second = completedIn(A2, secondRound, LOW_ANSWERS, Band.LOW);
        Completion other = completedIn(A3, otherOrg, LOW_ANSWERS, Band.LOW);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1)), new Batch("r-2", "t-sales", List.of(A2))),
                RELEASED_1));

        Mark mark = new Mark(1, RELEASED_1, false);
        assertThat(sortedCompletions(facts.facts(ORG, List.of("r-1", "r-2")).completed())).containsExactly(
                new CompletedFact(first, Optional.of(mark)), new CompletedFact(second, Optional.of(mark)));
        assertThat(facts.facts(OTHER_ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(other, Optional.empty())), 0, Optional.empty()));
        assertThat(facts.version(OTHER_ORG)).isZero();
    }

    @Test
    void the_same_release_written_twice_changes_nothing_but_the_version() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        ResultsReleased release = new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1)), new Batch("r-1", "t-service", List.of(A2))),
                RELEASED_1);
        facts.released(release);
        Facts once = facts.facts(ORG, List.of("r-1"));
        long versionOnce = facts.version(ORG);

        facts.released(release);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(once);
        assertThat(once.lastRelease()).isEqualTo(1);
        assertThat(once.lastCutoff()).contains(CUTOFF_1);
        assertThat(facts.version(ORG)).as("raised: it may change, never lowered").isEqualTo(versionOnce + 1);
    }

    @Test
    void an_older_release_arriving_after_a_newer_one_leaves_the_last_release_and_cutoff() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion a2 = completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_2));
        long afterSecond = facts.version(ORG);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_1));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.lastRelease()).isEqualTo(2);
        assertThat(read.lastCutoff()).contains(CUTOFF_2);
        assertThat(read.completed()).contains(new CompletedFact(a2, Optional.of(new Mark(1, RELEASED_1, false))));
        assertThat(facts.version(ORG)).as("the version rises all the same").isGreaterThan(afterSecond);
    }

    @Test
    void a_newer_release_raises_the_last_release_and_cutoff() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));

        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_2));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.lastRelease()).isEqualTo(2);
        assertThat(read.lastCutoff()).contains(CUTOFF_2);
        assertThat(sortedCompletions(read.completed())).extracting(CompletedFact::release).containsExactly(
                Optional.of(new Mark(1, RELEASED_1, false)), Optional.of(new Mark(2, RELEASED_2, false)));
    }

    // ----- version and completions --------------------------------------------------------------------

    @Test
    void the_version_rises_with_releases_only_not_with_starts_or_completions() {
        assertThat(facts.version(ORG)).isZero();

        start(A1, SALES, STARTED_AT);
        completedIn(A2, SALES, HIGH_ANSWERS, Band.HIGH);
        assertThat(facts.version(ORG)).as("nothing released yet").isZero();

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A2))),
                RELEASED_1));
        assertThat(facts.version(ORG)).isEqualTo(1);

        completedIn(A3, SALES, LOW_ANSWERS, Band.LOW);
        start(A4, new Participation(ORG, "r-2", "t-service"), STARTED_AT);
        assertThat(facts.version(ORG)).as("completions no release shows leave it").isEqualTo(1);

        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1, List.of(new Batch("r-1", "t-sales", List.of(A3))),
                RELEASED_2));
        assertThat(facts.version(ORG)).isEqualTo(2);
        assertThat(facts.version(OTHER_ORG)).as("its own counter per organisation").isZero();
    }

    @Test
    void the_completions_counter_rises_with_every_completion_filed_also_a_redelivered_one_and_never_falls() {
        start(A1, SALES, STARTED_AT);
        assertThat(facts.completions(ORG)).as("a start is no completion").isZero();

        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        long afterFirst = facts.completions(ORG);
        assertThat(afterFirst).isPositive();

        apply(Map.of(), List.of(new Filed(SALES, first)));
        assertThat(facts.completions(ORG)).as("delivered twice").isGreaterThan(afterFirst);
        long beforeRelease = facts.completions(ORG);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));
        completedIn(A2, new Participation(OTHER_ORG, "r-1", "t-sales"), LOW_ANSWERS, Band.LOW);
        assertThat(facts.completions(ORG)).as("neither a release nor another organisation's completion")
                .isEqualTo(beforeRelease);

        facts.clear();
        assertThat(facts.completions(ORG)).as("never lowered").isGreaterThanOrEqualTo(beforeRelease);
    }

    // ----- reading rounds -----------------------------------------------------------------------------

    @Test
    void the_facts_of_several_rounds_are_read_together_and_only_theirs() {
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, new Participation(ORG, "r-2", "t-sales"), LOW_ANSWERS, Band.LOW);
        Completion third = completedIn(A3, new Participation(ORG, "r-3", "t-service"), LOW_ANSWERS, Band.LOW);
        start(A4, new Participation(ORG, "r-3", "t-sales"), STARTED_AT);

        Facts read = facts.facts(ORG, List.of("r-1", "r-3", "r-never"));

        assertThat(sortedCompletions(read.completed())).extracting(CompletedFact::completion)
                .as("a start alone is no fact").containsExactly(first, third);
    }

    @Test
    void a_round_without_completions_has_no_facts() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);

        assertThat(facts.facts(ORG, List.of("r-never"))).isEqualTo(NONE);
        assertThat(facts.facts(ORG, List.of())).isEqualTo(NONE);
        assertThat(facts.facts("org-unknown", List.of("r-1"))).isEqualTo(NONE);
    }

    @Test
    void an_organisation_never_sees_another_organisations_rounds() {
        Participation other = new Participation(OTHER_ORG, "r-1", "t-sales");
        Completion acme = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion others = completedIn(A2, other, LOW_ANSWERS, Band.LOW);
        start(A3, other, STARTED_AT);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(acme, Optional.empty())), 0, Optional.empty()));
        assertThat(facts.facts(OTHER_ORG, List.of("r-1")).completed())
                .containsExactly(new CompletedFact(others, Optional.empty()));
        assertThat(facts.participations(List.of(A2, A3))).isEqualTo(Map.of(A2, other, A3, other));
    }

    // ----- clearing -----------------------------------------------------------------------------------

    @Test
    void a_clear_empties_the_facts_forgets_the_releases_and_raises_every_organisations_version() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, new Participation(OTHER_ORG, "r-2", "t-sales"), LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));
        facts.released(new ResultsReleased(OTHER_ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-2", "t-sales", List.of(A2))), RELEASED_1));
        long before = facts.version(ORG);
        long otherBefore = facts.version(OTHER_ORG);

        facts.clear();

        assertThat(facts.participation(A1)).isEmpty();
        assertThat(facts.participations(List.of(A1, A2))).isEmpty();
        assertThat(facts.version(ORG)).as("never lowered, so no cache takes new facts for old").isEqualTo(before + 1);
        assertThat(facts.version(OTHER_ORG)).isEqualTo(otherBefore + 1);
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(NONE);
        assertThat(facts.facts(OTHER_ORG, List.of("r-2"))).isEqualTo(NONE);
    }

    @Test
    void a_clear_raises_the_version_of_an_organisation_with_completions_but_no_release_yet() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        long before = facts.version(ORG);

        facts.clear();

        assertThat(facts.version(ORG)).as("its facts were forgotten").isGreaterThan(before);
    }

    @Test
    void after_a_clear_the_facts_and_releases_are_built_again_from_the_first_write() {
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        ResultsReleased release = new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1))), RELEASED_1);
        facts.released(release);
        Facts before = facts.facts(ORG, List.of("r-1"));
        facts.clear();

        Completion again = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        assertThat(facts.facts(ORG, List.of("r-1")).completed()).as("not released until the release is again")
                .containsExactly(new CompletedFact(first, Optional.empty()));
        facts.released(release);

        assertThat(again).isEqualTo(first);
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(before).isEqualTo(new Facts(
                List.of(new CompletedFact(first, Optional.of(new Mark(1, RELEASED_1, false)))), 1,
                Optional.of(CUTOFF_1)));
        assertThat(facts.version(ORG)).as("a release, raised by the clear, the release again").isEqualTo(3);
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private void apply(Map<String, Started> started, List<Filed> completed) {
        facts.apply(new Changes(started, completed));
    }

    private void start(String assessmentId, Participation participation, Instant at) {
        apply(Map.of(assessmentId, new Started(participation, at)), List.of());
    }

    private Completion completedIn(String assessmentId, Participation participation, List<ScoredAnswer> answers,
                                   Band band) {
        return completedIn(facts, assessmentId, participation, answers, band);
    }

    /** Started at {@link #STARTED_AT}, then completed at {@link #AT}, in one batch of changes: for the adapters too. */
    public static Completion completedIn(ReportFacts facts, String assessmentId, Participation participation,
                                         List<ScoredAnswer> answers, Band band) {
        Completion completion = new Completion(assessmentId, participation.roundId(), participation.teamId(), AT, 1,
                answers, band);
        Map<String, Started> started = new LinkedHashMap<>();
        started.put(assessmentId, new Started(participation, STARTED_AT));
        facts.apply(new Changes(started, List.of(new Filed(participation, completion))));
        return completion;
    }

    private static List<CompletedFact> sortedCompletions(List<CompletedFact> completed) {
        return completed.stream().sorted(Comparator.comparing(fact -> fact.completion().assessmentId())).toList();
    }
}
