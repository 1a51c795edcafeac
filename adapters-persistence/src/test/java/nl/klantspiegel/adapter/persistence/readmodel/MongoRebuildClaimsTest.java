package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.RebuildClaims.Claim;
import nl.klantspiegel.application.port.out.RebuildClaims.Stage;
import nl.klantspiegel.application.port.out.RebuildClaims.Taken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rebuild claims through the real MongoDB driver against the embedded server: one per projection, on any node. */
class MongoRebuildClaimsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("rebuild-claims");

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final Instant STALE_BEFORE = NOW.minus(Duration.ofSeconds(30));

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoRebuildClaims claims = new MongoRebuildClaims(mongo);

    private static Claim claim(String owner, int version, Instant heartbeat) {
        return new Claim("reports", owner, version, Stage.BUILDING, 0, heartbeat);
    }

    @Test
    void the_first_claim_is_made_and_a_second_refused_while_it_beats() {
        assertThat(claims.claim(claim("node-a", 1, NOW), STALE_BEFORE)).isEmpty();

        assertThatThrownBy(() -> claims.claim(claim("node-b", 2, NOW), STALE_BEFORE)).isInstanceOf(Taken.class)
                .hasMessage("reports is being rebuilt by node-a");
        assertThatThrownBy(() -> claims.claim(claim("node-b", 2, NOW), NOW)).as("a heartbeat at the edge is alive")
                .isInstanceOf(Taken.class);
        assertThat(new MongoRebuildClaims(mongo).find(List.of("reports", "audit-trail")))
                .isEqualTo(Map.of("reports", claim("node-a", 1, NOW)));
    }

    @Test
    void of_nodes_claiming_at_once_exactly_one_gets_it() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String node = "node-" + i;
                attempts.add(pool.submit(() -> {
                    try {
                        new MongoRebuildClaims(mongo).claim(claim(node, 1, NOW), STALE_BEFORE);
                        return true;
                    } catch (Taken taken) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_claim_whose_heartbeat_stopped_is_taken_over_and_handed_back() {
        Claim stale = claim("node-a", 1, STALE_BEFORE.minusMillis(1));
        claims.claim(stale, STALE_BEFORE.minus(Duration.ofHours(1)));

        Optional<Claim> replaced = claims.claim(claim("node-b", 2, NOW), STALE_BEFORE);

        assertThat(replaced).contains(stale);
        assertThat(claims.find(List.of("reports"))).containsEntry("reports", claim("node-b", 2, NOW));
        assertThat(claims.beat(stale.beating(Stage.BUILDING, 9, NOW))).as("node-a has lost it").isFalse();
        assertThat(claims.release(stale)).isFalse();
    }

    @Test
    void the_owner_beats_with_its_stage_and_position_and_releases_exactly_its_claim() {
        Claim mine = claim("node-a", 3, NOW);
        claims.claim(mine, STALE_BEFORE);

        Claim switching = mine.beating(Stage.SWITCHING, 1234, NOW.plusSeconds(1));
        assertThat(claims.beat(switching)).isTrue();
        assertThat(claims.find(List.of("reports")).get("reports")).isEqualTo(switching);
        assertThat(claims.beat(new Claim("reports", "node-a", 4, Stage.BUILDING, 0, NOW)))
                .as("another build of the same node").isFalse();
        assertThat(claims.beat(new Claim("reports", "node-b", 3, Stage.BUILDING, 0, NOW))).isFalse();

        assertThat(claims.release(mine)).as("not as it is now").isFalse();
        assertThat(claims.release(switching)).isTrue();
        assertThat(claims.find(List.of("reports"))).isEmpty();
        assertThat(claims.beat(switching)).isFalse();
        assertThat(claims.claim(claim("node-b", 5, NOW), STALE_BEFORE)).isEmpty();
    }
}
