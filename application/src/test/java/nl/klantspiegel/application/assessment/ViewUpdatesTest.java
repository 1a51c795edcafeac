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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading one's own writes: a reader waits until the view of its assessment has reached a version, released by the
 * projection's signal or, when the view is updated elsewhere (no signal), by re-reading the store; it gives up with
 * {@link ViewNotYetUpToDate} after its timeout or when interrupted.
 */
class ViewUpdatesTest {

    private static final String ID = "0b6a3c2d-1e4f-4a5b-9c8d-7e6f5a4b3c2d";
    private static final AssessmentId ASSESSMENT = new AssessmentId(ID);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.NL, T0);

    private final InMemoryAssessmentViews views = new InMemoryAssessmentViews();
    private final ViewUpdates updates = new ViewUpdates();
    private final AssessmentViewProjection projection = new AssessmentViewProjection(views, updates);

    @Test
    void a_view_already_at_or_past_the_version_is_returned_at_once() {
        projection.on(STARTED, 0, T0);
        projection.on(answer(1, Option.A), 1, T0);
        projection.on(answer(2, Option.B), 2, T0);
        int readsBefore = views.reads();

        assertThat(updates.await(ASSESSMENT, 2, views::find, Duration.ofMinutes(1)).version()).isEqualTo(2);
        assertThat(updates.await(ASSESSMENT, 1, views::find, Duration.ofMinutes(1)).version()).isEqualTo(2);
        assertThat(views.reads() - readsBefore).as("one read per reader").isEqualTo(2);
    }

    @Test
    void a_reader_leaves_nothing_behind_whether_it_got_its_view_or_gave_up() {
        projection.on(STARTED, 0, T0);

        updates.await(ASSESSMENT, 0, views::find, Duration.ofMinutes(1));
        assertThat(updates.waiting()).as("after a reader got its view").isZero();

        assertThatThrownBy(() -> updates.await(ASSESSMENT, 5, views::find, Duration.ofMillis(60)))
                .isInstanceOf(ViewNotYetUpToDate.class);
        assertThat(updates.waiting()).as("after a reader gave up").isZero();
    }

    @Test
    void a_waiting_reader_is_released_once_its_version_is_projected() throws Exception {
        projection.on(STARTED, 0, T0);
        CompletableFuture<AssessmentView> waiting = CompletableFuture.supplyAsync(
                () -> updates.await(ASSESSMENT, 1, views::find, Duration.ofMinutes(1)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (updates.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(updates.waiting()).as("the reader waits for its assessment").isEqualTo(1);
        assertThat(waiting).isNotDone();

        projection.on(answer(1, Option.B), 1, T0);

        assertThat(waiting.get(30, TimeUnit.SECONDS).answers()).containsEntry(1, Option.B);
        assertThat(updates.waiting()).isZero();
    }

    @Test
    void an_update_short_of_the_version_keeps_the_reader_waiting() {
        projection.on(STARTED, 0, T0);
        views.afterNextRead(() -> projection.on(answer(1, Option.A), 1, T0));
        views.afterNextRead(() -> projection.on(answer(2, Option.C), 2, T0));

        AssessmentView view = updates.await(ASSESSMENT, 2, views::find, Duration.ofMinutes(1));

        assertThat(view.version()).isEqualTo(2);
        assertThat(view.answers()).containsEntry(1, Option.A).containsEntry(2, Option.C);
    }

    /** A projection in another process does not signal this one: the reader finds the view by re-reading. */
    @Test
    void a_view_updated_without_a_signal_is_found_by_re_reading_the_store() {
        projection.on(STARTED, 0, T0);
        AssessmentView started = views.find(ASSESSMENT).orElseThrow();
        AnswerGiven given = answer(3, Option.C);
        views.afterNextRead(() -> views.record(started.after(given, 1), RecordedEvent.of(1, T0, given)));

        AssessmentView view = updates.await(ASSESSMENT, 1, views::find, Duration.ofMinutes(1));

        assertThat(view.answers()).containsEntry(3, Option.C);
    }

    @Test
    void a_reader_gives_up_when_the_view_stays_behind() {
        projection.on(STARTED, 0, T0);
        assertThatThrownBy(() -> updates.await(ASSESSMENT, 1, views::find, Duration.ofMillis(120)))
                .isInstanceOfSatisfying(ViewNotYetUpToDate.class,
                        behind -> assertThat(behind.id()).isEqualTo(ASSESSMENT))
                .hasMessageContaining("version 1 within 120 ms");
    }

    @Test
    void a_reader_of_an_assessment_without_a_view_gives_up_too() {
        assertThatThrownBy(() -> updates.await(ASSESSMENT, 0, views::find, Duration.ofMillis(60)))
                .isInstanceOf(ViewNotYetUpToDate.class);
    }

    /** Also the premise of the signal test in {@link AssessmentViewProjectionTest}. */
    @Test
    void an_interrupted_reader_gives_up_and_stays_interrupted() {
        projection.on(STARTED, 0, T0);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> updates.await(ASSESSMENT, 1, views::find, Duration.ofMinutes(1)))
                    .isInstanceOf(ViewNotYetUpToDate.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static AnswerGiven answer(int question, Option option) {
        return new AnswerGiven(ID, question, option, T0);
    }
}
