package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.port.out.RebuildClaims.Claim;
import nl.klantspiegel.application.port.out.RebuildClaims.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RebuildClaims} promises, held to the MongoDB adapter and the in-memory fake alike: one claim per
 * projection, a fresh one refused to anyone else, a stale one taken over (and returned); a heartbeat only by the owner
 * of that version; a release only of the claim as its owner last knew it (owner, version, heartbeat), whatever stage
 * and position were stored meanwhile. Times are whole milliseconds, as the shared store keeps them.
 */
public abstract class RebuildClaimsContract {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private RebuildClaims claims;

    /** A new store without claims. */
    protected abstract RebuildClaims newClaims();

    @BeforeEach
    void noClaims() {
        claims = newClaims();
    }

    private static Claim claim(String projection, String owner, int version, Instant heartbeat) {
        return new Claim(projection, owner, version, Stage.BUILDING, 0, heartbeat);
    }

    @Test
    void a_first_claim_is_stored_and_found_and_others_are_apart() {
        Claim first = claim("reports", "node-a", 3, NOW);

        assertThat(claims.claim(first, NOW.minusSeconds(30))).isEmpty();

        assertThat(claims.find(List.of("reports", "audit-trail"))).isEqualTo(Map.of("reports", first));
        assertThat(claims.claim(claim("audit-trail", "node-b", 1, NOW), NOW.minusSeconds(30))).isEmpty();
        assertThat(claims.find(List.of("reports", "audit-trail"))).containsOnlyKeys("reports", "audit-trail");
    }

    @Test
    void a_fresh_claim_is_refused_to_anyone_else_and_a_stale_one_taken_over() {
        Claim first = claim("reports", "node-a", 3, NOW);
        claims.claim(first, NOW.minusSeconds(30));

        assertThatThrownBy(() -> claims.claim(claim("reports", "node-b", 4, NOW.plusSeconds(1)), NOW))
                .isInstanceOf(RebuildClaims.Taken.class).hasMessageContaining("node-a");

        Claim takeover = claim("reports", "node-b", 4, NOW.plusSeconds(60));
        assertThat(claims.claim(takeover, NOW.plusMillis(1))).as("the heartbeat before staleBefore: stale")
                .contains(first);
        assertThat(claims.find(List.of("reports"))).isEqualTo(Map.of("reports", takeover));
    }

    @Test
    void only_the_owner_of_that_version_beats() {
        Claim first = claim("reports", "node-a", 3, NOW);
        claims.claim(first, NOW.minusSeconds(30));
        Claim beaten = first.beating(Stage.SWITCHING, 1_234, NOW.plusSeconds(5));

        assertThat(claims.beat(beaten)).isTrue();
        assertThat(claims.find(List.of("reports")).get("reports")).isEqualTo(beaten);

        assertThat(claims.beat(claim("reports", "node-b", 3, NOW.plusSeconds(6)))).as("another node").isFalse();
        assertThat(claims.beat(claim("reports", "node-a", 2, NOW.plusSeconds(6)))).as("another version").isFalse();
        assertThat(claims.beat(claim("audit-trail", "node-a", 3, NOW.plusSeconds(6)))).as("no claim").isFalse();
        assertThat(claims.find(List.of("reports")).get("reports")).isEqualTo(beaten);
    }

    @Test
    void a_release_removes_the_claim_as_its_owner_last_knew_it_and_nothing_else() {
        Claim first = claim("reports", "node-a", 3, NOW);
        claims.claim(first, NOW.minusSeconds(30));
        claims.beat(first.beating(Stage.SWITCHING, 99, NOW.plusSeconds(5)));

        assertThat(claims.release(first)).as("an older heartbeat: no longer the claim it knew").isFalse();
        assertThat(claims.release(claim("reports", "node-b", 3, NOW.plusSeconds(5)))).as("another owner").isFalse();
        assertThat(claims.find(List.of("reports"))).containsOnlyKeys("reports");

        assertThat(claims.release(claim("reports", "node-a", 3, NOW.plusSeconds(5))))
                .as("owner, version and heartbeat match; stage and position are not asked").isTrue();
        assertThat(claims.find(List.of("reports"))).isEmpty();
        assertThat(claims.release(first)).isFalse();
    }
}
