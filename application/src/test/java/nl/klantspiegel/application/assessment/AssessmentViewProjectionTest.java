package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.in.ViewNotYetUpToDate;
import nl.klantspiegel.application.testing.InMemoryAssessmentViews;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The read model: views and audit trail built from the events in order, redelivered events (older ones and the
 * newest) skipped, a reset clearing everything before a replay, and each stored update signalled to the readers
 * waiting for it.
 */
class AssessmentViewProjectionTest {

    private static final String ID = "3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    private static final AssessmentId ASSESSMENT = new AssessmentId(ID);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(40);
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.EN, T0);

    private final InMemoryAssessmentViews views = new InMemoryAssessmentViews();
    private final ViewUpdates updates = new ViewUpdates();
    private final AssessmentViewProjection projection = new AssessmentViewProjection(views, updates);

    @Test
    void builds_the_view_and_the_history_in_order() {
        projection.on(STARTED, 0, T0);
        projection.on(new AnswerGiven(ID, 2, Option.C, T1), 1, T1);

        AssessmentView view = views.find(ASSESSMENT).orElseThrow();
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.answers()).containsEntry(2, Option.C);
        assertThat(views.history(ASSESSMENT).orElseThrow())
                .extracting(RecordedEvent::sequence, RecordedEvent::type, RecordedEvent::recordedAt)
                .containsExactly(tuple(0L, "AssessmentStarted", T0),
                        tuple(1L, "AnswerGiven", T1));
    }

    @Test
    void redelivered_events_are_skipped_even_the_start() {
        AnswerGiven first = new AnswerGiven(ID, 2, Option.C, T0);
        projection.on(STARTED, 0, T0);
        projection.on(first, 1, T0);
        projection.on(new AnswerGiven(ID, 2, Option.A, T0), 2, T0);

        projection.on(STARTED, 0, T0);
        projection.on(first, 1, T0);

        assertThat(views.find(ASSESSMENT).orElseThrow().answers()).containsEntry(2, Option.A);
        assertThat(views.history(ASSESSMENT).orElseThrow()).hasSize(3);
    }

    @Test
    void the_newest_event_delivered_again_changes_nothing() {
        AnswerGiven newest = new AnswerGiven(ID, 2, Option.C, T1);
        projection.on(STARTED, 0, T0);
        projection.on(newest, 1, T1);
        AssessmentView before = views.find(ASSESSMENT).orElseThrow();

        projection.on(newest, 1, T1.plusSeconds(5));

        assertThat(views.find(ASSESSMENT)).contains(before);
        assertThat(views.history(ASSESSMENT).orElseThrow()).extracting(RecordedEvent::sequence)
                .containsExactly(0L, 1L);
    }

    @Test
    void an_event_before_the_assessment_started_is_refused() {
        assertThatThrownBy(() -> projection.on(new AnswerGiven(ID, 2, Option.C, T0), 1, T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event 1 of assessment " + ID)
                .hasMessageContaining("before the assessment's start");
        assertThat(views.find(ASSESSMENT)).isEmpty();
    }

    @Test
    void a_reset_clears_the_views_before_a_rebuild() {
        projection.on(STARTED, 0, T0);
        projection.reset();
        assertThat(views.find(ASSESSMENT)).isEmpty();
        assertThat(views.history(ASSESSMENT)).isEmpty();
    }

    /**
     * The update lands just after the reader read the store (it still saw version 0). The projection's signal must
     * release the reader at once, not its next re-read of the store (50 ms later). To tell the two apart without
     * measuring time, the reader's thread is interrupted together with the update: a reader that still has to wait
     * gives up at once ({@link ViewUpdatesTest#an_interrupted_reader_gives_up_and_stays_interrupted}), one that was
     * signalled does not wait and reads the new view.
     */
    @Test
    void the_update_signal_releases_a_reader_that_read_just_before_it() {
        projection.on(STARTED, 0, T0);
        views.afterNextRead(() -> {
            projection.on(new AnswerGiven(ID, 1, Option.B, T1), 1, T1);
            Thread.currentThread().interrupt();
        });
        try {
            AssessmentView view = updates.await(ASSESSMENT, 1, views::find, Duration.ofMinutes(1));

            assertThat(view.version()).isEqualTo(1);
            assertThat(view.answers()).containsEntry(1, Option.B);
        } catch (ViewNotYetUpToDate waitedInstead) {
            throw new AssertionError("the reader was not signalled and had to wait for a re-read", waitedInstead);
        } finally {
            Thread.interrupted();
        }
    }
}
