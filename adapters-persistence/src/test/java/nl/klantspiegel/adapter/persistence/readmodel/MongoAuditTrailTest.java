package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AuditTrail.Entry;
import nl.klantspiegel.application.port.out.AuditTrail.Head;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trails through the real MongoDB driver, against the embedded wire-protocol server: what only storage can
 * get wrong (documents, ids, crashes between writes). The port's promises: {@link MongoAuditTrailContractTest}.
 */
class MongoAuditTrailTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("audit");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoAuditTrail trail = new MongoAuditTrail(mongo);

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00.123Z");

    // ----- head and entries ---------------------------------------------------------------------------

    @Test
    void a_refused_or_redelivered_entry_writes_no_document() {
        trail.append("org-1", entry(1, "event-1"));
        trail.append("org-1", entry(2, "event-2"));

        assertThatThrownBy(() -> trail.append("org-1", entry(4, "event-4")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(trail.append("org-1", entry(3, "event-1"))).isFalse();

        assertThat(mongo.getCollection(MongoAuditTrail.ENTRIES).countDocuments()).isEqualTo(2);
    }

    @Test
    void entry_numbers_beyond_nine_are_found_and_ordered_by_number() {
        for (long number = 1; number <= 12; number++) {
            trail.append("org-1", entry(number, "event-" + number));
        }

        assertThat(trail.entries("org-1", List.of(12L, 11L, 10L, 9L, 2L, 1L))).extracting(Entry::number)
                .containsExactly(12L, 11L, 10L, 9L, 2L, 1L);
    }

    @Test
    void the_head_remembers_the_last_500_event_ids() {
        LongStream.rangeClosed(1, 3).forEach(number -> trail.append("org-1", entry(number, "event-" + number)));
        // a trail 499 entries long, its head as the store writes it (appending 499 entries takes seconds)
        mongo.getCollection(MongoAuditTrail.HEADS).replaceOne(new Document("_id", "org-1"), new Document("_id", "org-1")
                .append("count", 499L).append("lastHash", "hash-499")
                .append("recent", IntStream.rangeClosed(1, 499).mapToObj(n -> "event-" + n).toList()));
        assertThat(trail.head("org-1").recentEventIds()).hasSize(499);

        assertThat(trail.append("org-1", entry(500, "event-500"))).isTrue();
        assertThat(trail.head("org-1").recentEventIds()).hasSize(500).startsWith("event-1").endsWith("event-500");
        assertThat(trail.append("org-1", entry(501, "event-501"))).isTrue();
        assertThat(trail.append("org-1", entry(502, "event-502"))).isTrue();
        assertThat(trail.append("org-1", entry(503, "event-503"))).isTrue();

        Head head = trail.head("org-1");

        assertThat(head.count()).isEqualTo(503);
        assertThat(head.lastHash()).isEqualTo("hash-503");
        assertThat(head.recentEventIds()).hasSize(MongoAuditTrail.RECENT)
                .containsExactlyElementsOf(IntStream.rangeClosed(4, 503).mapToObj(n -> "event-" + n).toList());
        assertThat(trail.append("org-1", entry(504, "event-4"))).isFalse();
        assertThat(trail.append("org-1", entry(504, "event-3")))
                .as("an event older than the last 500 is no longer recognised").isTrue();
    }

    @Test
    void an_entry_written_without_its_head_is_written_again_under_the_same_number() {
        trail.append("org-1", entry(1, "event-1"));
        trail.append("org-1", entry(2, "event-2"));
        // a crash after the entry was written and before its head: the entry document is there, the head is not
        Entry third = entry(3, "event-3");
        mongo.getCollection(MongoAuditTrail.ENTRIES).insertOne(new Document("_id", "org-1:0000000003")
                .append("organisationId", "org-1").append("number", 3L).append("eventId", "event-3")
                .append("at", Date.from(third.at())).append("type", third.type())
                .append("actorKind", third.actorKind()).append("actorId", third.actorId())
                .append("details", new Document(third.details())).append("hash", third.hash()));
        assertThat(trail.head("org-1").count()).isEqualTo(2);

        // the event is delivered again: the head still says 2, so it is numbered 3 again
        assertThat(trail.append("org-1", third)).isTrue();

        assertThat(mongo.getCollection(MongoAuditTrail.ENTRIES).countDocuments(new Document("eventId", "event-3")))
                .isEqualTo(1);
        assertThat(mongo.getCollection(MongoAuditTrail.ENTRIES).countDocuments()).isEqualTo(3);
        assertThat(trail.head("org-1")).isEqualTo(new Head(3, "hash-3", List.of("event-1", "event-2", "event-3")));
        assertThat(trail.entries("org-1", List.of(1L, 2L, 3L))).containsExactly(
                entry(1, "event-1"), entry(2, "event-2"), third);

        assertThat(trail.append("org-1", third)).isFalse();
        assertThat(trail.append("org-1", entry(4, "event-4"))).isTrue();
        assertThat(trail.head("org-1").count()).isEqualTo(4);
    }

    @Test
    void details_are_read_in_the_order_of_their_names_whatever_order_the_document_has() {
        Entry first = entry(1, "event-1");
        mongo.getCollection(MongoAuditTrail.ENTRIES).insertOne(new Document("_id", "org-1:0000000001")
                .append("organisationId", "org-1").append("number", 1L).append("eventId", "event-1")
                .append("at", Date.from(first.at())).append("type", first.type())
                .append("actorKind", first.actorKind()).append("actorId", first.actorId())
                .append("details", new Document("release", "21").append("cutoff", "2026-12-07T05:13:32Z")
                        .append("minimumGroupSize", "5").append("completed", "r-1/t-1:7"))
                .append("hash", first.hash()));

        assertThat(trail.entries("org-1", List.of(1L)).get(0).details().keySet()).as("one order on every node")
                .containsExactly("completed", "cutoff", "minimumGroupSize", "release");
    }

    @Test
    void a_stored_entry_is_readable_for_an_analyst() {
        trail.append("org-1", new Entry(1, "event-1", T0, "MemberAdded", "OPERATOR", "acc-op",
                Map.of("member", "acc-1", "role", "ADMIN"), "hash-1"));

        BsonDocument stored = mongo.getCollection(MongoAuditTrail.ENTRIES).withDocumentClass(BsonDocument.class)
                .find(new Document("_id", "org-1:0000000001")).first();

        assertThat(stored).isNotNull();
        assertThat(stored.getInt64("number").getValue()).isEqualTo(1L);
        assertThat(stored.getString("eventId").getValue()).isEqualTo("event-1");
        assertThat(stored.get("at").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.getDateTime("at").getValue()).isEqualTo(T0.toEpochMilli());
        assertThat(stored.getString("type").getValue()).isEqualTo("MemberAdded");
        assertThat(stored.getString("actorKind").getValue()).isEqualTo("OPERATOR");
        assertThat(stored.getString("actorId").getValue()).isEqualTo("acc-op");
        assertThat(stored.getDocument("details")).isEqualTo(BsonDocument.parse("{member: 'acc-1', role: 'ADMIN'}"));
        assertThat(stored.getString("hash").getValue()).isEqualTo("hash-1");
    }

    // ----- members --------------------------------------------------------------------------------------

    // ----- clear --------------------------------------------------------------------------------------

    @Test
    void clearing_forgets_everything() {
        trail.append("org-1", entry(1, "event-1"));
        trail.append("org-1", entry(2, "event-2"));
        trail.setOrganisationsOf("acc-1", List.of("org-1"));

        trail.clear();

        assertThat(trail.head("org-1")).isEqualTo(new Head(0, "", List.of()));
        assertThat(trail.entries("org-1", List.of(1L, 2L))).isEmpty();
        assertThat(trail.organisationsOf("acc-1")).isEmpty();
        for (String collection : List.of(MongoAuditTrail.HEADS, MongoAuditTrail.ENTRIES, MongoAuditTrail.MEMBERS)) {
            assertThat(mongo.getCollection(collection).countDocuments()).as(collection).isZero();
        }

        // rebuilt from the first event: the same events are appended again, from number 1
        assertThat(trail.append("org-1", entry(1, "event-1"))).isTrue();
        assertThat(trail.head("org-1")).isEqualTo(new Head(1, "hash-1", List.of("event-1")));
    }

    private static Entry entry(long number, String eventId) {
        return new Entry(number, eventId, T0.plusSeconds(number), "TeamAdded", "MEMBER", "acc-admin",
                Map.of("team", "team-" + number, "name", "Team " + number), "hash-" + number);
    }
}
