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
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    void where_assessments_were_taken_is_read_from_their_starts() {
        append("a-1", 0, new AssessmentStarted("a-1", 1, Language.NL, AT, WHERE));
        append("a-1", 1, new AnswerGiven("a-1", 1, Option.B, AT));
        append("a-public", 0, new AssessmentStarted("a-public", 1, Language.NL, AT));

        Map<String, Participation> found = log.participationsFromStarts(Set.of("a-1", "a-public", "a-none"));

        assertThat(found).containsExactly(Map.entry("a-1", WHERE));
        assertThat(log.participationsFromStarts(Set.of())).isEmpty();
        assertThat(log.startTimes(Set.of("a-1", "a-public", "a-none"))).containsOnly(Map.entry("a-1", AT),
                Map.entry("a-public", AT));
        assertThat(log.startTimes(Set.of())).isEmpty();
    }
}
