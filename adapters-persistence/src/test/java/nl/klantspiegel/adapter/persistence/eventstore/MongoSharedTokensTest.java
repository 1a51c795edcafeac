package nl.klantspiegel.adapter.persistence.eventstore;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.SharedTokens.StoredSegment;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token store read as every node shares it, through the real driver against the embedded server, beside
 * axon-mongo's own token store writing it: positions and owners read without taking a claim, the events a gap may
 * hide, and token stores of claimants of their own names.
 */
class MongoSharedTokensTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("shared-tokens");

    final String database = embedded.freshDatabaseName();
    final MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(embedded.client(), database).build();
    final Serializer serializer = JacksonSerializer.defaultSerializer();
    final TokenStore nodeA = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
            .nodeId("node-a").claimTimeout(Duration.ofSeconds(10)).build();
    final MongoSharedTokens shared = new MongoSharedTokens(template, serializer,
            embedded.client().getDatabase(database), Duration.ofSeconds(10));

    @Test
    void every_segment_is_read_with_its_position_and_owner_without_claiming_it() {
        nodeA.initializeTokenSegments("answer-changes", 2);
        GapAwareTrackingToken position = GapAwareTrackingToken.newInstance(41, Set.of(30L, 39L));
        nodeA.fetchToken("answer-changes", 0);
        nodeA.storeToken(position, "answer-changes", 0);
        Instant before = Instant.now();

        Map<Integer, StoredSegment> segments = shared.segments("answer-changes");

        assertThat(segments).containsOnlyKeys(0, 1);
        assertThat(segments.get(0).token()).isEqualTo(position);
        assertThat(segments.get(0).owner()).isEqualTo("node-a");
        assertThat(segments.get(0).claimedAt()).isBetween(before.minusSeconds(5), before);
        assertThat(segments.get(1)).isEqualTo(new StoredSegment(null, null, segments.get(1).claimedAt()));
        assertThat(shared.segments("reports")).isEmpty();
        nodeA.extendClaim("answer-changes", 0); // still node-a's: reading took nothing
        assertThat(shared.segments("answer-changes").get(0).owner()).isEqualTo("node-a");
    }

    @Test
    void every_processor_is_read_at_once_also_a_replay() {
        nodeA.initializeTokenSegments("reports", 1);
        nodeA.initializeTokenSegments("audit-trail", 1);
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(90, Set.of()),
                GapAwareTrackingToken.newInstance(10, Set.of()));
        nodeA.fetchToken("reports", 0);
        nodeA.storeToken(replay, "reports", 0);
        nodeA.releaseClaim("reports", 0);

        Map<String, Map<Integer, StoredSegment>> all = shared.all();

        assertThat(all).containsOnlyKeys("reports", "audit-trail");
        assertThat(all.get("reports").get(0).token()).isEqualTo(replay);
        assertThat(all.get("reports").get(0).owner()).as("released").isNull();
    }

    @Test
    void the_positions_that_hold_an_event_are_found_by_their_id() {
        var events = embedded.client().getDatabase(database).getCollection("events");
        events.insertMany(List.of(new Document("_id", 3L), new Document("_id", 5L), new Document("_id", 8L)));

        assertThat(shared.written(List.of(2L, 3L, 4L, 5L))).containsExactlyInAnyOrder(3L, 5L);
        assertThat(shared.written(List.of())).isEmpty();
    }

    @Test
    void a_claimant_of_its_own_name_holds_segments_against_every_node_until_it_releases_them() {
        nodeA.initializeTokenSegments("reports", 1);
        nodeA.fetchToken("reports", 0);
        TokenStore switcher = shared.claimant("node-b#switch");
        assertThat(shared.claimant("node-b#switch")).as("one per name").isSameAs(switcher);

        assertThatThrownBy(() -> switcher.fetchToken("reports", 0)).isInstanceOf(UnableToClaimTokenException.class);
        nodeA.releaseClaim("reports", 0);
        switcher.fetchToken("reports", 0);

        assertThat(shared.segments("reports").get(0).owner()).isEqualTo("node-b#switch");
        assertThatThrownBy(() -> nodeA.fetchToken("reports", 0)).isInstanceOf(UnableToClaimTokenException.class);
        switcher.releaseClaim("reports", 0);
        nodeA.fetchToken("reports", 0);
    }

    @Test
    void a_stopped_nodes_claim_is_freed_only_as_it_was_read_and_then_taken_over_at_once() {
        nodeA.initializeTokenSegments("audit-trail", 1);
        nodeA.fetchToken("audit-trail", 0);
        StoredSegment read = shared.segments("audit-trail").get(0);
        TokenStore nodeB = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
                .nodeId("node-b").claimTimeout(Duration.ofSeconds(10)).build();

        assertThat(shared.free("audit-trail", 0, "node-b", read.claimedAt())).as("not its owner").isFalse();
        assertThat(shared.free("audit-trail", 0, "node-a", read.claimedAt().minusMillis(1)))
                .as("extended since it was read").isFalse();
        assertThatThrownBy(() -> nodeB.fetchToken("audit-trail", 0)).isInstanceOf(UnableToClaimTokenException.class);

        assertThat(shared.free("audit-trail", 0, "node-a", read.claimedAt())).isTrue();

        assertThat(shared.segments("audit-trail").get(0).owner()).isNull();
        nodeB.fetchToken("audit-trail", 0);
        assertThat(shared.segments("audit-trail").get(0).owner()).isEqualTo("node-b");
        assertThatThrownBy(() -> nodeA.extendClaim("audit-trail", 0)).as("node-a, back, has lost it")
                .isInstanceOf(UnableToClaimTokenException.class);
    }
}
