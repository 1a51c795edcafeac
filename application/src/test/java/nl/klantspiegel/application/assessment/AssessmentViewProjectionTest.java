package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssessmentViewProjectionTest {

    private static final String ID = "3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    private static final AssessmentId ASSESSMENT = new AssessmentId(ID);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    private final InMemoryViews views = new InMemoryViews();
    private final ViewUpdates updates = new ViewUpdates();
    private final AssessmentViewProjection projection = new AssessmentViewProjection(views, updates);

    @Test
    void builds_the_view_and_the_history_in_order() {
        projection.on(new AssessmentStarted(ID, 1, Language.EN, T0), 0, T0);
        projection.on(new AnswerGiven(ID, 2, Option.C, T0), 1, T0);

        AssessmentView view = views.find(ASSESSMENT).orElseThrow();
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.answers()).containsEntry(2, Option.C);
        assertThat(views.history(ASSESSMENT).orElseThrow()).extracting(RecordedEvent::type)
                .containsExactly("AssessmentStarted", "AnswerGiven");
    }

    @Test
    void redelivered_events_are_skipped_even_the_start() {
        AssessmentStarted started = new AssessmentStarted(ID, 1, Language.EN, T0);
        AnswerGiven first = new AnswerGiven(ID, 2, Option.C, T0);
        projection.on(started, 0, T0);
        projection.on(first, 1, T0);
        projection.on(new AnswerGiven(ID, 2, Option.A, T0), 2, T0);

        projection.on(started, 0, T0);
        projection.on(first, 1, T0);

        assertThat(views.find(ASSESSMENT).orElseThrow().answers()).containsEntry(2, Option.A);
        assertThat(views.history(ASSESSMENT).orElseThrow()).hasSize(3);
    }

    @Test
    void a_reset_clears_the_views_before_a_rebuild() {
        projection.on(new AssessmentStarted(ID, 1, Language.EN, T0), 0, T0);
        projection.reset();
        assertThat(views.find(ASSESSMENT)).isEmpty();
    }

    @Test
    void a_waiting_reader_is_released_by_the_update() throws Exception {
        projection.on(new AssessmentStarted(ID, 1, Language.EN, T0), 0, T0);
        CompletableFuture<AssessmentView> waiting = CompletableFuture.supplyAsync(
                () -> updates.await(ASSESSMENT, 1, views::find, Duration.ofSeconds(10)));
        Thread.sleep(20);
        assertThat(waiting).isNotDone();

        projection.on(new AnswerGiven(ID, 1, Option.B, T0), 1, T0);

        assertThat(waiting.get(2, TimeUnit.SECONDS).version()).isEqualTo(1);
    }

    @Test
    void a_reader_gives_up_when_the_view_stays_behind() {
        projection.on(new AssessmentStarted(ID, 1, Language.EN, T0), 0, T0);
        assertThatThrownBy(() -> updates.await(ASSESSMENT, 1, views::find, Duration.ofMillis(120)))
                .isInstanceOf(nl.klantspiegel.application.port.in.ViewNotYetUpToDate.class);
    }

    private static final class InMemoryViews implements AssessmentViews {
        private final Map<AssessmentId, AssessmentView> views = new HashMap<>();
        private final Map<AssessmentId, List<RecordedEvent>> histories = new HashMap<>();

        @Override
        public synchronized Optional<AssessmentView> find(AssessmentId id) {
            return Optional.ofNullable(views.get(id));
        }

        @Override
        public synchronized Optional<List<RecordedEvent>> history(AssessmentId id) {
            return Optional.ofNullable(histories.get(id)).map(List::copyOf);
        }

        @Override
        public synchronized void record(AssessmentView view, RecordedEvent event) {
            views.put(view.id(), view);
            histories.computeIfAbsent(view.id(), key -> new ArrayList<>()).add(event);
        }

        @Override
        public synchronized void clear() {
            views.clear();
            histories.clear();
        }
    }
}
