package nl.klantspiegel.domain.account;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-mail address an account signs in with: what identifies a person to the product. Compared without regard
 * to case. Kept only in the accounts store, never in an event.
 */
public record EmailAddress(String value) {

    private static final int MAXIMUM_LENGTH = 254;
    private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    public EmailAddress {
        value = Objects.requireNonNull(value, "value").strip().toLowerCase(Locale.ROOT);
    }

    /** Trimmed and in lower case; empty when it cannot be an e-mail address. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().toLowerCase(Locale.ROOT);
        if (normalised.length() > MAXIMUM_LENGTH || !PLAUSIBLE.matcher(normalised).matches()
                || normalised.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(normalised));
    }

    @Override
    public String toString() {
        return value;
    }
}
