package nl.klantspiegel.application.violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Deliberately wrong: a use case with a SHA-256 hex helper of its own, beside the domain's. */
public class ApplicationHashingItself {
    String hash(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
