package nl.klantspiegel.application.report;

import nl.klantspiegel.application.testing.InMemoryAnswerChangeFacts;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerChangeProjectionTest {

    private static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");
    private static final Participation WHERE = new Participation("org", "r-1", "t-1");

    final InMemoryAnswerChangeFacts facts = new InMemoryAnswerChangeFacts();
    final AnswerChangeProjection projection = new AnswerChangeProjection(facts);

    /** a-1: q1 a, q1 b (a→b), q2 c, q1 c (b→c), q1 c (no change), q3..q6 a, completed. */
    private static List<AssessmentEvent> history(String id, Participation where) {
        List<AssessmentEvent> events = new ArrayList<>();
        events.add(where == null ? new AssessmentStarted(id, 1, Language.NL, AT)
                : new AssessmentStarted(id, 1, Language.NL, AT, where));
        events.add(new AnswerGiven(id, 1, A, AT));
        events.add(new AnswerGiven(id, 1, B, AT));
        events.add(new AnswerGiven(id, 2, C, AT));
        events.add(new AnswerGiven(id, 1, C, AT));
        events.add(new AnswerGiven(id, 1, C, AT));
        for (int question = 3; question <= 6; question++) {
            events.add(new AnswerGiven(id, question, A, AT));
        }
        Map<Integer, Option> last = Map.of(1, C, 2, C, 3, A, 4, A, 5, A, 6, A);
        Score score = Instruments.current().score(last);
        events.add(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(), score.band(), AT));
        return events;
    }

    private void apply(AssessmentEvent event, long sequence) {
        apply(projection, event, sequence);
    }

    private static void apply(AnswerChangeProjection projection, AssessmentEvent event, long sequence) {
        if (event instanceof AssessmentStarted started) {
            projection.on(started, sequence);
        } else if (event instanceof AnswerGiven given) {
            projection.on(given, sequence);
        } else if (event instanceof AssessmentCompleted completed) {
            projection.on(completed, sequence);
        }
    }

    private void applyAll(List<AssessmentEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            apply(events.get(i), i);
        }
    }

    @Test
    void every_change_before_completion_is_kept_with_the_band() {
        List<AssessmentEvent> events = history("a-1", WHERE);
        applyAll(events);

        Band band = ((AssessmentCompleted) events.get(events.size() - 1)).band();
        assertThat(facts.completed("org", List.of("r-1"))).containsExactly(new Completed("a-1", "r-1", band,
                List.of(new Change(1, A, B), new Change(1, B, C))));
        assertThat(facts.underWay()).isZero();
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        List<AssessmentEvent> events = history("a-1", WHERE);
        for (int i = 0; i < events.size(); i++) {
            apply(events.get(i), i);
            apply(events.get(i), i);
            if (i >= 2) {
                apply(events.get(1), 1); // an old answer again: older than the last applied
            }
        }
        assertThat(facts.completed("org", List.of("r-1")).get(0).changes())
                .containsExactly(new Change(1, A, B), new Change(1, B, C));
    }

    @Test
    void the_public_test_and_an_assessment_never_completed_are_not_in_the_report() {
        applyAll(history("public", null));
        List<AssessmentEvent> unfinished = history("a-2", WHERE);
        applyAll(unfinished.subList(0, unfinished.size() - 1));

        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();
        assertThat(facts.underWay()).isEqualTo(1);
    }

    @Test
    void a_batch_is_read_once_and_written_once_at_its_last_event_and_gives_what_one_event_at_a_time_gives() {
        List<EventMessage<?>> messages = new ArrayList<>();
        List<List<AssessmentEvent>> histories = List.of(history("a-1", WHERE), history("a-2", WHERE),
                history("public", null), history("a-3", new Participation("org", "r-2", "t-2")));
        List<AssessmentEvent> unfinished = history("a-4", WHERE);
        histories = new ArrayList<>(histories);
        histories.add(unfinished.subList(0, unfinished.size() - 1));
        InMemoryAnswerChangeFacts oneByOne = new InMemoryAnswerChangeFacts();
        AnswerChangeProjection single = new AnswerChangeProjection(oneByOne);
        int longest = histories.stream().mapToInt(List::size).max().orElseThrow();
        for (int sequence = 0; sequence < longest; sequence++) { // interleaved, as several respondents answer
            for (List<AssessmentEvent> history : histories) {
                if (sequence < history.size()) {
                    AssessmentEvent event = history.get(sequence);
                    messages.add(new GenericDomainEventMessage<>("Assessment", event.assessmentId(), sequence, event));
                    apply(single, event, sequence);
                }
            }
        }
        messages.add(GenericEventMessage.asEventMessage("an event of another kind"));

        List<Integer> writtenBefore = inBatch(messages);

        assertThat(writtenBefore).as("nothing written before the batch's last event").containsOnly(0);
        assertThat(facts.batches()).as("one write").isEqualTo(1);
        assertThat(facts.lookUps()).as("one look-up").isEqualTo(1);
        assertThat(facts.completed("org", List.of("r-1", "r-2")))
                .containsExactlyInAnyOrderElementsOf(oneByOne.completed("org", List.of("r-1", "r-2")))
                .hasSize(3);
        assertThat(facts.underWay()).isEqualTo(oneByOne.underWay()).isEqualTo(1);

        // after a crash between the write and the stored position the batch comes again from a position inside it
        // (the one stored after an earlier batch): its end again changes nothing
        inBatch(messages.subList(messages.size() / 2, messages.size()));
        assertThat(facts.completed("org", List.of("r-1", "r-2")))
                .containsExactlyInAnyOrderElementsOf(oneByOne.completed("org", List.of("r-1", "r-2")));
        assertThat(facts.underWay()).isEqualTo(1);
    }

    @Test
    void a_batch_that_ends_with_a_start_of_the_public_test_is_written_too() {
        List<EventMessage<?>> messages = new ArrayList<>();
        List<AssessmentEvent> taken = history("a-1", WHERE);
        for (int sequence = 0; sequence < taken.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("Assessment", "a-1", sequence, taken.get(sequence)));
        }
        messages.add(new GenericDomainEventMessage<>("Assessment", "public", 0,
                new AssessmentStarted("public", 1, Language.NL, AT)));

        inBatch(messages);

        assertThat(facts.batches()).isEqualTo(1);
        assertThat(facts.completed("org", List.of("r-1"))).hasSize(1);
    }

    /** The messages as a tracking processor's batch; how many writes were made before each message was handled. */
    private List<Integer> inBatch(List<EventMessage<?>> messages) {
        List<Integer> writtenBefore = new ArrayList<>();
        int before = facts.batches();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> {
            writtenBefore.add(facts.batches() - before);
            EventMessage<?> message = batch.getMessage();
            long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
            Object event = message.getPayload();
            if (event instanceof AssessmentStarted started) {
                projection.on(started, sequence, batch);
            } else if (event instanceof AnswerGiven given) {
                projection.on(given, sequence, batch);
            } else if (event instanceof AssessmentCompleted completed) {
                projection.on(completed, sequence, batch);
            } else {
                projection.on(event, batch);
            }
            return null;
        });
        return writtenBefore;
    }

    @Test
    void a_reset_forgets_everything_and_a_replay_builds_the_same() {
        applyAll(history("a-1", WHERE));
        List<Completed> live = facts.completed("org", List.of("r-1"));

        projection.reset();
        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();
        applyAll(history("a-1", WHERE));

        assertThat(facts.completed("org", List.of("r-1"))).isEqualTo(live);
    }
}
