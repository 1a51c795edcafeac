package nl.klantspiegel.domain.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The names under which an organisation's exports show its respondents' assessments. An assessment's id is its
 * respondent's key to resume (and read) it, so it never leaves the product; an export names it by a pseudonym
 * instead: {@code p-} and 32 hex digits of HMAC-SHA-256, keyed with the installation's secret, over the organisation's
 * id and the assessment's id. The same assessment has the same pseudonym in every export of its organisation (an
 * analyst can join a spreadsheet and an event export), another in another organisation's, and nobody without the key
 * can turn a pseudonym back into an id or find the pseudonym of an id.
 */
public final class Pseudonyms {

    private static final int BLOCK = 64;
    private static final int KEEP = 16;

    private final byte[] key;

    /** @param secret the installation's secret: at least 32 bytes, kept where only the product reads it */
    public Pseudonyms(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("a pseudonym key has at least 32 bytes");
        }
        this.key = secret.length > BLOCK ? sha256().digest(secret) : secret.clone();
    }

    /** The pseudonym of an assessment (or of an event of it) in an organisation's exports. */
    public String of(String organisationId, String id) {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(id, "id");
        byte[] mac = hmac((organisationId + "\n" + id).getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(Arrays.copyOf(mac, KEEP));
    }

    /** HMAC-SHA-256 (RFC 2104) over the JDK's SHA-256. */
    byte[] hmac(byte[] message) {
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        MessageDigest digest = sha256();
        digest.update(inner);
        byte[] innerHash = digest.digest(message);
        digest.update(outer);
        return digest.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
