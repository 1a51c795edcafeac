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
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event carries the revision of its shape, and {@code AssessmentStarted} in its first shape (before it had a
 * participation) is read as the current one by an upcaster, through the real store and the product's own JSON
 * settings: the participation is then absent (the public test).
 */
class OlderEventShapesTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("shapes");

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    MongoDatabase database;
    GapAwareMongoEventStorageEngine engine;
    JacksonSerializer serializer;

    @BeforeEach
    void store() {
        database = embedded.freshDatabase();
        serializer = JacksonSerializer.builder()
                .objectMapper(new EventStoreConfiguration().defaultAxonObjectMapper())
                .revisionResolver(new EventRevisions())
                .build();
        engine = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(embedded.server())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new AssessmentStartedUpcaster()))
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

    @Test
    void every_event_is_stored_with_the_revision_of_its_shape() {
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", "a", 0,
                        new AssessmentStarted("a", 1, Language.NL, AT)),
                new GenericDomainEventMessage<>("AssessmentAggregate", "a", 1, new AnswerGiven("a", 1, Option.A, AT)));
        engine.appendEvents(new GenericDomainEventMessage<>("Releases", Releases.aggregateId("o"), 0,
                new ResultsReleased("o", 1, AT, 5, List.of(new ResultsReleased.Batch("r", "t", List.of("a"))),
                        AT.plusSeconds(1))));

        List<String> revisions = new java.util.ArrayList<>();
        database.getCollection(GapAwareMongoEventStorageEngine.EVENTS).find()
                .sort(new Document("_id", 1))
                .forEach(document -> revisions.add(document.getString(GapAwareMongoEventStorageEngine.PAYLOAD_REVISION)));
        assertThat(revisions).as("a release's first shape too").containsExactly("2", "1", "1");
    }

    @Test
    void the_upcaster_turns_the_first_shape_into_the_second_and_leaves_the_current_one_alone() {
        String firstShape = "{\"assessmentId\":\"old\",\"instrumentVersion\":1,\"language\":\"NL\","
                + "\"at\":\"2026-03-01T09:00:00Z\"}";
        for (String revision : new String[]{null, "1"}) {
            IntermediateEventRepresentation upcast = upcast(firstShape, revision);
            assertThat(upcast.getType().getRevision()).isEqualTo("2");
            assertThat(upcast.getData(com.fasterxml.jackson.databind.JsonNode.class).getData().toString())
                    .isEqualTo("{\"assessmentId\":\"old\",\"instrumentVersion\":1,\"language\":\"NL\","
                            + "\"at\":\"2026-03-01T09:00:00Z\",\"participation\":null}");
        }
        String withParticipation = "{\"assessmentId\":\"x\",\"participation\":{\"organisationId\":\"o\"}}";
        assertThat(upcast(withParticipation, null).getData(com.fasterxml.jackson.databind.JsonNode.class).getData()
                .toString()).as("kept when an unrevised event has it already").isEqualTo(withParticipation);
        IntermediateEventRepresentation current = upcast(withParticipation, "2");
        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(current.getData(String.class).getData()).isEqualTo(withParticipation);
    }

    @Test
    void a_replay_over_a_store_holding_both_shapes_reads_every_start_as_the_current_one() {
        Participation participation = new Participation("organisation", "round", "team");
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", "old", 0,
                new AssessmentStarted("old", 1, Language.NL, AT)));
        engine.appendEvents(new GenericDomainEventMessage<>("AssessmentAggregate", "new", 0,
                new AssessmentStarted("new", 1, Language.EN, AT, participation)));
        // the first as it was stored before organisations and revisions existed
        database.getCollection(GapAwareMongoEventStorageEngine.EVENTS)
                .updateOne(Filters.eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, "old"),
                        Updates.combine(Updates.unset("payload.participation"),
                                Updates.set(GapAwareMongoEventStorageEngine.PAYLOAD_REVISION, null)));

        List<? extends TrackedEventMessage<?>> replayed = engine.readEvents(null, false).toList();

        assertThat(replayed.stream().map(message -> (Object) message.getPayload()).toList()).containsExactly(
                new AssessmentStarted("old", 1, Language.NL, AT),
                new AssessmentStarted("new", 1, Language.EN, AT, participation));
    }

    private IntermediateEventRepresentation upcast(String payload, String revision) {
        var entry = new org.axonframework.eventhandling.GenericDomainEventEntry<>("AssessmentAggregate", "old", 0,
                "e-1", AT, AssessmentStarted.class.getName(), revision, payload, "{}");
        return new AssessmentStartedUpcaster().upcast(java.util.stream.Stream.of(
                new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
    }
}
