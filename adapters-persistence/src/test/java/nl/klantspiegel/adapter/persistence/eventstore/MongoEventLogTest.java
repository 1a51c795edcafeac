package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.EventLog.StoredEvent;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The event store read as a log, through the real driver on the embedded database. */
class MongoEventLogTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("eventlog");

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Participation WHERE = new Participation("org-1", "r-1", "t-1");

    MongoDatabase database;
    GapAwareMongoEventStorageEngine engine;
    MongoEventLog log;

    @BeforeEach
    void store() {
        database = embedded.freshDatabase();
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(new EventStoreConfiguration().defaultAxonObjectMapper()).build();
        engine = GapAwareMongoEventStorageEngine.builder().database(database).durability(embedded.server())
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        log = new MongoEventLog(database, serializer, () -> NoOpEventUpcaster.INSTANCE);
    }

    private void append(String aggregate, long sequence, Object payload) {
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", aggregate, sequence, payload));
    }

    @Test
    void an_empty_store_has_head_zero_and_nothing_to_read() {
        assertThat(log.head()).isZero();
        assertThat(log.read(0, 0, 10)).isEmpty();
    }

    @Test
    void reads_windows_of_positions_in_order_as_stored_and_as_read_today() {
        append("a-1", 0, new AssessmentStarted("a-1", 1, Language.NL, AT, WHERE));
        append("a-1", 1, new AnswerGiven("a-1", 1, Option.B, AT.plusSeconds(5)));
        append("a-2", 0, new AssessmentStarted("a-2", 1, Language.EN, AT));

        List<StoredEvent> first = log.read(0, log.head(), 2);
        List<StoredEvent> rest = log.read(2, log.head(), 2);

        assertThat(log.head()).isEqualTo(3);
        assertThat(first).extracting(StoredEvent::position).containsExactly(1L, 2L);
        assertThat(rest).extracting(StoredEvent::position).containsExactly(3L);
        StoredEvent answer = first.get(1);
        assertThat(answer.type()).isEqualTo("AnswerGiven");
        assertThat(answer.aggregateType()).isEqualTo("AssessmentAggregate");
        assertThat(answer.aggregateId()).isEqualTo("a-1");
        assertThat(answer.sequence()).isEqualTo(1);
        assertThat(answer.revision()).isNull();
        assertThat(answer.payloadJson()).isEqualTo(
                "{\"assessmentId\": \"a-1\", \"question\": 1, \"option\": \"B\", \"at\": \"2026-03-01T09:00:05Z\"}");
        assertThat(answer.payload()).isEqualTo(new AnswerGiven("a-1", 1, Option.B, AT.plusSeconds(5)));
        assertThat(answer.eventId()).isNotBlank();
        assertThat(log.read(3, 3, 10)).as("nothing after the head asked for").isEmpty();
    }

    @Test
    void a_window_over_lost_positions_holds_fewer_events() {
        append("a-1", 0, new AssessmentStarted("a-1", 1, Language.NL, AT, WHERE));
        // a writer that crashed after reserving two positions
        database.getCollection(GapAwareMongoEventStorageEngine.POSITIONS)
                .updateOne(eq("_id", "last"), Updates.inc("position", 2L));
        append("a-1", 1, new AnswerGiven("a-1", 1, Option.B, AT));

        assertThat(log.head()).as("after waiting briefly for the lost positions").isEqualTo(4);
        assertThat(log.read(0, 4, 10)).extracting(StoredEvent::position).containsExactly(1L, 4L);
    }

    @Test
    void an_aggregates_events_are_read_alone_in_sequence_order_whatever_else_was_written_between() {
        String releases = Releases.aggregateId("org-1");
        ResultsReleased first = new ResultsReleased("org-1", 1, AT, 3,
                List.of(new Batch("r-1", "t-1", List.of("a-1", "a-2", "a-3"))), AT.plusSeconds(60));
        ResultsReleased second = new ResultsReleased("org-1", 2, AT.plusSeconds(3600), 3,
                List.of(new Batch("r-1", null, List.of("a-4", "a-5", "a-6")),
                        new Batch("r-1", "t-2", List.of("a-7", "a-8", "a-9"))), AT.plusSeconds(3660));
        append("a-1", 0, new AssessmentStarted("a-1", 1, Language.NL, AT, WHERE));
        engine.appendEvents(new GenericDomainEventMessage<>("Releases", releases, 0, first));
        append("a-1", 1, new AnswerGiven("a-1", 1, Option.B, AT.plusSeconds(5)));
        append("a-2", 0, new AssessmentStarted("a-2", 1, Language.EN, AT));
        engine.appendEvents(new GenericDomainEventMessage<>("Releases", releases, 1, second));
        append("a-1", 2, new AnswerGiven("a-1", 2, Option.C, AT.plusSeconds(9)));

        List<StoredEvent> released = log.aggregate(releases);
        List<StoredEvent> assessment = log.aggregate("a-1");

        assertThat(released).extracting(StoredEvent::sequence).containsExactly(0L, 1L);
        assertThat(released).extracting(StoredEvent::position).containsExactly(2L, 5L);
        assertThat(released).extracting(StoredEvent::payload).containsExactly(first, second);
        assertThat(released).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo("ResultsReleased");
            assertThat(event.aggregateType()).isEqualTo("Releases");
            assertThat(event.aggregateId()).isEqualTo("org-1/releases");
        });
        assertThat(((ResultsReleased) released.get(1).payload()).completed()).extracting(Batch::pooled)
                .as("a pooled batch, its team null, read back as pooled; a team's not").containsExactly(true, false);
        assertThat(assessment).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(assessment).extracting(StoredEvent::position).containsExactly(1L, 3L, 6L);
        assertThat(assessment).extracting(StoredEvent::payload).containsExactly(
                new AssessmentStarted("a-1", 1, Language.NL, AT, WHERE),
                new AnswerGiven("a-1", 1, Option.B, AT.plusSeconds(5)),
                new AnswerGiven("a-1", 2, Option.C, AT.plusSeconds(9)));
        assertThat(log.aggregate("a-2")).extracting(StoredEvent::payload)
                .containsExactly(new AssessmentStarted("a-2", 1, Language.EN, AT));
        assertThat(log.aggregate("org-2/releases")).as("an aggregate never written").isEmpty();
    }
}
