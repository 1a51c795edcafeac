package nl.klantspiegel.domain.account;

import java.time.Duration;
import java.time.Instant;

/** How long the one-time links and the personal API tokens of accounts are valid. */
public final class AccountPolicy {

    /** An activation link, handed over by an admin, works this long. */
    public static final Duration ACTIVATION_VALIDITY = Duration.ofDays(7);
    /** A personal API token works this long unless asked otherwise, and never longer than the maximum. */
    public static final Duration DEFAULT_TOKEN_VALIDITY = Duration.ofDays(90);
    public static final Duration MAXIMUM_TOKEN_VALIDITY = Duration.ofDays(365);

    private AccountPolicy() {
    }

    public static Instant activationExpiry(Instant issuedAt) {
        return issuedAt.plus(ACTIVATION_VALIDITY);
    }

    /**
     * @param requested the validity asked for; null for the default
     * @throws IllegalArgumentException when it is not positive or longer than the maximum
     */
    public static Instant tokenExpiry(Instant issuedAt, Duration requested) {
        Duration validity = requested == null ? DEFAULT_TOKEN_VALIDITY : requested;
        if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(MAXIMUM_TOKEN_VALIDITY) > 0) {
            throw new IllegalArgumentException("A token is valid for at least a second and at most "
                    + MAXIMUM_TOKEN_VALIDITY.toDays() + " days.");
        }
        return issuedAt.plus(validity);
    }
}
