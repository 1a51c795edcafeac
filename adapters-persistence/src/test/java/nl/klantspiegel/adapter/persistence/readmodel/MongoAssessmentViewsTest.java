package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model through the real MongoDB driver, against the embedded wire-protocol server. */
class MongoAssessmentViewsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("views");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoAssessmentViews views = new MongoAssessmentViews(mongo);

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00.123Z");

    @Test
    void records_views_and_history_and_reads_them_back() {
        String id = UUID.randomUUID().toString();
        List<AssessmentEvent> events = new ArrayList<>(List.of(
                new AssessmentStarted(id, 1, Language.EN, T0),
                new AnswerGiven(id, 1, Option.C, T0.plusSeconds(1)),
                new AnswerGiven(id, 2, Option.B, T0.plusSeconds(2)),
                new AnswerGiven(id, 3, Option.A, T0.plusSeconds(3)),
                new AnswerGiven(id, 4, Option.B, T0.plusSeconds(4)),
                new AnswerGiven(id, 5, Option.C, T0.plusSeconds(5)),
                new AnswerGiven(id, 6, Option.C, T0.plusSeconds(6))));
        events.add(new AssessmentCompleted(id, 1, List.of(
                new ScoredAnswer(1, Option.C, 5), new ScoredAnswer(2, Option.B, 5), new ScoredAnswer(3, Option.A, 5),
                new ScoredAnswer(4, Option.B, 5), new ScoredAnswer(5, Option.C, 5), new ScoredAnswer(6, Option.C, 5)),
                new ColumnTotals(5, 10, 15), 30, Band.HIGH, T0.plusSeconds(7)));

        AssessmentView expected = project(events);

        assertThat(views.find(new AssessmentId(id))).contains(expected);
        List<RecordedEvent> history = views.history(new AssessmentId(id)).orElseThrow();
        assertThat(history).extracting(RecordedEvent::event).containsExactlyElementsOf(events);
        assertThat(history).extracting(RecordedEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(history.get(7).type()).isEqualTo("AssessmentCompleted");
        assertThat(history.get(7).recordedAt()).isEqualTo(T0.plusMillis(7));
    }

    @Test
    void clearing_forgets_every_view_and_history() {
        String id = UUID.randomUUID().toString();
        project(List.of(new AssessmentStarted(id, 1, Language.NL, T0)));

        views.clear();

        assertThat(views.find(new AssessmentId(id))).isEmpty();
        assertThat(views.history(new AssessmentId(id))).isEmpty();
    }

    @Test
    void the_stored_document_is_readable_for_an_analyst() {
        String id = UUID.randomUUID().toString();
        project(List.of(new AssessmentStarted(id, 1, Language.NL, T0), new AnswerGiven(id, 4, Option.B, T0)));

        Document stored = mongo.getCollection(MongoAssessmentViews.COLLECTION).find(new Document("_id", id)).first();

        assertThat(stored.get("answers", Document.class).toJson()).isEqualTo("{\"4\": \"b\"}");
        assertThat(stored.getString("status")).isEqualTo("IN_PROGRESS");
        Document answer = stored.getList("history", Document.class).get(1);
        assertThat(answer.getString("type")).isEqualTo("AnswerGiven");
        assertThat(answer.get("data", Document.class).keySet())
                .containsExactlyInAnyOrder("assessmentId", "question", "option", "at");
    }

    @Test
    void an_unknown_assessment_has_no_view_and_no_history() {
        AssessmentId unknown = new AssessmentId(UUID.randomUUID().toString());
        assertThat(views.find(unknown)).isEmpty();
        assertThat(views.history(unknown)).isEmpty();
    }

    @Test
    void the_histories_of_several_assessments_are_read_at_once_and_unknown_ones_left_out() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String notAsked = UUID.randomUUID().toString();
        project(List.of(new AssessmentStarted(first, 1, Language.NL, T0), new AnswerGiven(first, 1, Option.A, T0)));
        project(List.of(new AssessmentStarted(second, 1, Language.EN, T0.plusSeconds(1)),
                new AnswerGiven(second, 2, Option.B, T0.plusSeconds(2)),
                new AnswerGiven(second, 3, Option.C, T0.plusSeconds(3))));
        project(List.of(new AssessmentStarted(notAsked, 1, Language.NL, T0)));
        AssessmentId unknown = new AssessmentId(UUID.randomUUID().toString());

        Map<AssessmentId, List<RecordedEvent>> histories = views.histories(
                List.of(new AssessmentId(first), new AssessmentId(second), unknown));

        assertThat(histories).containsOnlyKeys(new AssessmentId(first), new AssessmentId(second));
        assertThat(histories.get(new AssessmentId(first))).extracting(RecordedEvent::event).containsExactly(
                new AssessmentStarted(first, 1, Language.NL, T0), new AnswerGiven(first, 1, Option.A, T0));
        assertThat(histories.get(new AssessmentId(second))).extracting(RecordedEvent::sequence)
                .containsExactly(0L, 1L, 2L);
        assertThat(histories.get(new AssessmentId(second)))
                .isEqualTo(views.history(new AssessmentId(second)).orElseThrow());
        assertThat(views.histories(List.of(unknown))).isEmpty();
        assertThat(views.histories(List.of())).isEmpty();
    }

    /** Records the events as the projection does, returning the final view. */
    private AssessmentView project(List<AssessmentEvent> events) {
        AssessmentView view = AssessmentView.of((AssessmentStarted) events.get(0));
        views.record(view, RecordedEvent.of(0, T0, events.get(0)));
        for (int sequence = 1; sequence < events.size(); sequence++) {
            view = view.after(events.get(sequence), sequence);
            views.record(view, RecordedEvent.of(sequence, T0.plusMillis(sequence), events.get(sequence)));
        }
        return view;
    }
}
