package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps an assessment's view and audit trail to and from its document in the {@code assessments}
 * collection. Field names are spelled out here, so the stored shape is stable and readable for analysts:
 * <pre>
 * { _id, version, status, language, instrumentVersion, answers: {"1": "a", ...}, startedAt,
 *   result: {totalScore, band, columnTotals: {a, b, c}, answers: [{question, option, points}]}, completedAt,
 *   history: [{sequence, type, recordedAt, data: {...the event's fields...}}] }
 * </pre>
 */
final class AssessmentDocumentMapper {

    static final String HISTORY = "history";
    static final String VERSION = "version";

    private static final Map<String, Class<?>> EVENT_TYPES = Arrays.stream(AssessmentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private final MongoConverter converter;

    AssessmentDocumentMapper(MongoConverter converter) {
        this.converter = converter;
    }

    /** Every field of the view, for {@code $set}; {@code _id} excluded. */
    Document viewFields(AssessmentView view) {
        Map<String, Object> answers = new TreeMap<>();
        view.answers().forEach((question, option) -> answers.put(String.valueOf(question), option.key()));
        Document fields = new Document()
                .append(VERSION, view.version())
                .append("status", view.status().name())
                .append("language", view.language().code())
                .append("instrumentVersion", view.instrumentVersion())
                .append("answers", new Document(answers))
                .append("startedAt", date(view.startedAt()))
                .append("completedAt", date(view.completedAt()));
        fields.append("result", view.result().map(AssessmentDocumentMapper::result).orElse(null));
        return fields;
    }

    private static Document result(Score score) {
        ColumnTotals columns = score.columnTotals();
        return new Document("totalScore", score.total())
                .append("band", score.band().name())
                .append("columnTotals", new Document("a", columns.a()).append("b", columns.b()).append("c", columns.c()))
                .append("answers", score.answers().stream()
                        .map(answer -> new Document("question", answer.question())
                                .append("option", answer.option().key())
                                .append("points", answer.points()))
                        .toList());
    }

    AssessmentView view(Document document) {
        Map<Integer, Option> answers = new TreeMap<>();
        document.get("answers", Document.class)
                .forEach((question, option) -> answers.put(Integer.valueOf(question), Option.fromKey((String) option)));
        Document result = document.get("result", Document.class);
        int instrumentVersion = document.getInteger("instrumentVersion");
        return new AssessmentView(
                new AssessmentId(document.getString("_id")),
                document.getLong(VERSION),
                AssessmentView.Status.valueOf(document.getString("status")),
                Language.fromCode(document.getString("language")),
                instrumentVersion,
                answers,
                instant(document.getDate("startedAt")),
                result == null ? null : score(instrumentVersion, result),
                instant(document.getDate("completedAt")));
    }

    private static Score score(int instrumentVersion, Document result) {
        Document columns = result.get("columnTotals", Document.class);
        List<ScoredAnswer> answers = result.getList("answers", Document.class).stream()
                .map(answer -> new ScoredAnswer(answer.getInteger("question"),
                        Option.fromKey(answer.getString("option")), answer.getInteger("points")))
                .toList();
        return new Score(instrumentVersion, answers,
                new ColumnTotals(columns.getInteger("a"), columns.getInteger("b"), columns.getInteger("c")),
                result.getInteger("totalScore"), Band.valueOf(result.getString("band")));
    }

    Document historyEntry(RecordedEvent event) {
        Document data = new Document();
        converter.write(event.event(), data);
        data.remove("_class");
        return new Document("sequence", event.sequence())
                .append("type", event.type())
                .append("recordedAt", date(event.recordedAt()))
                .append("data", data);
    }

    List<RecordedEvent> history(Document document) {
        return document.getList(HISTORY, Document.class).stream().map(this::recordedEvent).toList();
    }

    private RecordedEvent recordedEvent(Document entry) {
        String type = entry.getString("type");
        Class<?> eventType = EVENT_TYPES.get(type);
        if (eventType == null) {
            throw new IllegalStateException("unknown event type '" + type + "' in the audit trail");
        }
        AssessmentEvent event = (AssessmentEvent) converter.read(eventType, entry.get("data", Document.class));
        return new RecordedEvent(entry.getLong("sequence"), type, instant(entry.getDate("recordedAt")), event);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
