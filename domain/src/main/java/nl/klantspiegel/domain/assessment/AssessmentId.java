package nl.klantspiegel.domain.assessment;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Identifies one assessment. It is also the respondent's key to resume, so it is unguessable: a random
 * (version 4) UUID drawn from a cryptographically strong generator carries 122 random bits.
 */
public record AssessmentId(String value) {

    public AssessmentId {
        Objects.requireNonNull(value, "value");
    }

    public static AssessmentId newId() {
        return new AssessmentId(UUID.randomUUID().toString());
    }

    /**
     * Reads an id as it appears in a URL; anything that is not a canonical random UUID (version 4 of the IETF
     * variant, lower case, as {@link #newId()} makes them) is no id at all.
     */
    public static Optional<AssessmentId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.version() != 4 || uuid.variant() != 2 || !uuid.toString().equals(text)) {
                return Optional.empty();
            }
            return Optional.of(new AssessmentId(text));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
