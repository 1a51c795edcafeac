package nl.klantspiegel.application.account;

import nl.klantspiegel.domain.integrity.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable tokens (activation links, API tokens, invitation links, the operator's setup link) and the hashes they
 * are kept as. A token is random bytes from a cryptographically strong generator, in URL-safe Base64; only its
 * SHA-256 is stored, so the database never holds a token that works. (SHA-256 suffices here, unlike for passwords:
 * a token has 128 or more random bits, nothing to guess.)
 */
public final class Secrets {

    /** The size of an account's secret tokens (activation, setup, API): 256 random bits. */
    static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** @param bytes how many random bytes: 16 (128 bits) at least */
    public static String newToken(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("a token needs at least 128 random bits");
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return URL_SAFE.encodeToString(random);
    }

    /** The hex SHA-256 of a token, as it is stored and looked up. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** Whether a text can be a token at all (URL-safe Base64, a sane length), before any lookup. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.length() >= 20 && text.length() <= 100 && text.matches("[A-Za-z0-9_-]+");
    }
}
