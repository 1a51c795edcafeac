package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.Changes;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.Filed;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.InProgress;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link AnswerChangeFacts} promises, held to the MongoDB adapter and the in-memory fake alike: an
 * assessment under way is read back as it was last saved, alone or several at once; a completed one is filed under its
 * organisation's round once and forgotten as under way; a batch saves first and files after, and written twice changes
 * nothing; a clear forgets everything.
 */
public abstract class AnswerChangeFactsContract {

    private static final Participation WHERE = new Participation("org", "r-1", "t-1");

    private AnswerChangeFacts facts;

    /** A new, empty store. */
    protected abstract AnswerChangeFacts newFacts();

    @BeforeEach
    void noFactsYet() {
        facts = newFacts();
    }

    @Test
    void an_empty_store_has_nothing_under_way_and_nothing_completed() {
        assertThat(facts.inProgress("a-1")).isEmpty();
        assertThat(facts.inProgress(List.of("a-1", "a-2"))).isEmpty();
        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();
    }

    @Test
    void an_assessment_under_way_is_read_back_as_it_was_last_saved() {
        InProgress saved = new InProgress("a-1", WHERE, 7, Map.of(1, B, 6, C, 12, A),
                List.of(new Change(1, A, B), new Change(12, C, A)));
        facts.save(saved);

        assertThat(facts.inProgress("a-1")).contains(saved);
        assertThat(facts.inProgress("a-2")).isEmpty();

        InProgress later = new InProgress("a-1", WHERE, 8, Map.of(1, C, 6, C, 12, A),
                List.of(new Change(1, A, B), new Change(12, C, A), new Change(1, B, C)));
        facts.save(later);
        assertThat(facts.inProgress("a-1")).contains(later);

        InProgress bare = new InProgress("a-2", new Participation("org", "r-2", "t-2"), 0, Map.of(), List.of());
        facts.save(bare);
        assertThat(facts.inProgress("a-2")).as("no answers yet").contains(bare);
    }

    @Test
    void a_completed_assessment_is_filed_under_its_round_once_and_forgotten_as_under_way() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(1, B), List.of(new Change(1, A, B))));
        Completed completed = new Completed("a-1", "r-1", Band.HIGH, List.of(new Change(1, A, B)));
        Completed other = new Completed("a-2", "r-1", Band.LOW, List.of());
        Completed secondRound = new Completed("a-3", "r-2", Band.LOW, List.of(new Change(12, C, A)));

        facts.complete(WHERE, completed);
        facts.complete(WHERE, completed);
        facts.complete(WHERE, other);
        facts.complete(new Participation("org", "r-2", "t-1"), secondRound);
        facts.complete(new Participation("elsewhere", "r-1", "t-1"), new Completed("a-4", "r-1", Band.LOW, List.of()));

        assertThat(facts.inProgress("a-1")).isEmpty();
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(completed, other);
        assertThat(facts.completed("org", List.of("r-1", "r-2"))).containsExactlyInAnyOrder(completed, other,
                secondRound);
        assertThat(facts.completed("org", List.of("r-9"))).isEmpty();
        assertThat(facts.completed("org", List.of())).isEmpty();
        assertThat(facts.completed("elsewhere", List.of("r-1"))).extracting(Completed::assessmentId)
                .as("another organisation's round of the same id").containsExactly("a-4");
    }

    @Test
    void a_batch_saves_then_files_and_its_assessments_are_read_at_once() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(1, B), List.of()));
        facts.save(new InProgress("a-2", WHERE, 5, Map.of(1, A, 2, C), List.of(new Change(1, B, A))));
        InProgress a1 = new InProgress("a-1", WHERE, 4, Map.of(1, C), List.of(new Change(1, B, C)));
        InProgress a3 = new InProgress("a-3", new Participation("org", "r-2", "t-2"), 0, Map.of(), List.of());
        InProgress a5 = new InProgress("a-5", WHERE, 9, Map.of(1, A), List.of());
        Completed a2 = new Completed("a-2", "r-1", Band.HIGH, List.of(new Change(1, B, A)));
        Completed a4 = new Completed("a-4", "r-1", Band.LOW, List.of());
        Completed a5done = new Completed("a-5", "r-1", Band.AVERAGE, List.of());
        Changes batch = new Changes(List.of(a1, a3, a5),
                List.of(new Filed(WHERE, a2), new Filed(WHERE, a4), new Filed(WHERE, a5done)));

        facts.apply(batch);

        assertThat(facts.inProgress(List.of("a-1", "a-2", "a-3", "a-4", "a-5", "a-9")))
                .as("saved and completed in one batch: no longer under way")
                .containsExactlyInAnyOrderEntriesOf(Map.of("a-1", a1, "a-3", a3));
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(a2, a4, a5done);
        assertThat(facts.inProgress(List.of())).isEmpty();

        facts.apply(batch); // again, as after a crash
        assertThat(facts.inProgress(List.of("a-1", "a-2", "a-3", "a-4", "a-5")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a-1", a1, "a-3", a3));
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(a2, a4, a5done);
    }

    @Test
    void an_empty_batch_changes_nothing() {
        InProgress a1 = new InProgress("a-1", WHERE, 3, Map.of(1, B), List.of());
        facts.save(a1);

        facts.apply(new Changes(List.of(), List.of()));

        assertThat(facts.inProgress("a-1")).contains(a1);
        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();
    }

    @Test
    void a_clear_forgets_everything_and_the_facts_are_written_again_from_the_first() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(), List.of()));
        Completed a2 = new Completed("a-2", "r-1", Band.LOW, List.of());
        facts.complete(WHERE, a2);

        facts.clear();

        assertThat(facts.inProgress("a-1")).isEmpty();
        assertThat(facts.inProgress(List.of("a-1", "a-2"))).isEmpty();
        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();

        facts.complete(WHERE, a2);
        assertThat(facts.completed("org", List.of("r-1"))).containsExactly(a2);
    }
}
