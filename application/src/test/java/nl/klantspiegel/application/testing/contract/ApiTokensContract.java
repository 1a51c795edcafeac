package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.port.out.ApiTokens.ApiToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ApiTokens} promises, held to the MongoDB adapter and the in-memory fake alike: a token is found by
 * its hash, listed with its account's (and only there), and a revoked one saved again replaces it.
 */
public abstract class ApiTokensContract {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private ApiTokens tokens;

    /** A new store without tokens. */
    protected abstract ApiTokens newTokens();

    @BeforeEach
    void noTokens() {
        tokens = newTokens();
    }

    private static ApiToken token(String id, String account) {
        return new ApiToken(id, "hash-" + id, account, NOW, NOW.plusSeconds(90 * 86_400L), null);
    }

    @Test
    void a_token_is_found_by_its_hash_and_nothing_by_another() {
        ApiToken token = token("tok-1", "acc-1");
        tokens.save(token);

        assertThat(tokens.findByHash("hash-tok-1")).contains(token);
        assertThat(tokens.findByHash("hash-tok-2")).isEmpty();
        assertThat(tokens.findByHash("")).isEmpty();
    }

    @Test
    void an_accounts_tokens_are_listed_with_it_and_nowhere_else() {
        tokens.save(token("tok-1", "acc-1"));
        tokens.save(token("tok-2", "acc-1"));
        tokens.save(token("tok-3", "acc-2"));

        assertThat(tokens.ofAccount("acc-1")).extracting(ApiToken::id).containsExactlyInAnyOrder("tok-1", "tok-2");
        assertThat(tokens.ofAccount("acc-2")).extracting(ApiToken::id).containsExactly("tok-3");
        assertThat(tokens.ofAccount("acc-3")).isEmpty();
    }

    @Test
    void a_revoked_token_saved_again_replaces_it() {
        ApiToken token = token("tok-1", "acc-1");
        tokens.save(token);
        ApiToken revoked = token.revokedAt(NOW.plusSeconds(60));

        tokens.save(revoked);

        assertThat(tokens.findByHash("hash-tok-1")).contains(revoked);
        assertThat(tokens.ofAccount("acc-1")).containsExactly(revoked);
        assertThat(revoked.isValidAt(NOW.plusSeconds(61))).isFalse();
    }
}
