package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before {@code AssessmentStarted} had a participation still load, through the real store and the
 * product's own JSON settings: the participation is then absent (the public test).
 */
class OlderEventShapesTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("shapes");

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    MongoDatabase database;
    GapAwareMongoEventStorageEngine engine;

    @BeforeEach
    void store() {
        database = embedded.freshDatabase();
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new EventStoreConfiguration().defaultAxonObjectMapper())
                .build();
        engine = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(embedded.server())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    @Test
    void an_assessment_started_without_a_participation_field_loads_as_the_public_test() {
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", "old", 0,
                new AssessmentStarted("old", 1, Language.NL, AT)));
        // as it was stored before organisations existed: the field did not exist at all
        database.getCollection(GapAwareMongoEventStorageEngine.EVENTS)
                .updateOne(Filters.eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, "old"),
                        Updates.unset("payload.participation"));
        Document stored = database.getCollection(GapAwareMongoEventStorageEngine.EVENTS)
                .find(Filters.eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, "old")).first();
        assertThat(stored.get("payload", Document.class)).doesNotContainKey("participation");

        List<? extends DomainEventMessage<?>> read = engine.readEvents("old").asStream().toList();

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getPayload()).isEqualTo(new AssessmentStarted("old", 1, Language.NL, AT));
        assertThat(((AssessmentStarted) read.get(0).getPayload()).participationIfAny()).isEmpty();
    }

    @Test
    void an_assessment_started_through_an_invitation_keeps_where_it_was_taken() {
        Participation participation = new Participation("organisation", "round", "team");
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", "new", 0,
                new AssessmentStarted("new", 1, Language.EN, AT, participation)));

        Document payload = database.getCollection(GapAwareMongoEventStorageEngine.EVENTS)
                .find(Filters.eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, "new")).first()
                .get("payload", Document.class);
        assertThat(payload.get("participation", Document.class).toJson())
                .isEqualTo("{\"organisationId\": \"organisation\", \"roundId\": \"round\", \"teamId\": \"team\"}");
        assertThat(((AssessmentStarted) engine.readEvents("new").asStream().toList().get(0).getPayload())
                .participation()).isEqualTo(participation);
    }
}
