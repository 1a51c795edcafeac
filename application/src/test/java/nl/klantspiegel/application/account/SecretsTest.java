package nl.klantspiegel.application.account;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tokens: random, URL-safe, at least 128 bits; kept as their hex SHA-256; recognised by their shape. */
class SecretsTest {

    @Test
    void a_token_is_its_random_bytes_in_url_safe_base64_without_padding() {
        assertThat(Secrets.newToken(16)).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.newToken(18)).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.newToken(32)).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void tokens_are_not_repeated() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(Secrets.newToken(16));
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void a_token_has_at_least_128_bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> Secrets.newToken(15))
                .withMessage("a token needs at least 128 random bits");
    }

    @Test
    void the_hash_is_the_hex_sha256_of_the_token() {
        assertThat(Secrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.hash(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void what_looks_like_a_token() {
        assertThat(Secrets.looksLikeToken(Secrets.newToken(32))).isTrue();
        assertThat(Secrets.looksLikeToken("a".repeat(20))).isTrue();
        assertThat(Secrets.looksLikeToken("Az09_-".repeat(16) + "abcd")).isTrue();
        assertThat(Secrets.looksLikeToken("a".repeat(100))).isTrue();

        assertThat(Secrets.looksLikeToken(null)).isFalse();
        assertThat(Secrets.looksLikeToken("")).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(19))).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(101))).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(20) + "=")).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(20) + "+")).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(20) + "/")).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(20) + " ")).isFalse();
        assertThat(Secrets.looksLikeToken("a".repeat(20) + "\n")).isFalse();
    }
}
