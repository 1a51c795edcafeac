package nl.klantspiegel.domain.account;

import java.time.Duration;
import java.time.Instant;

/**
 * When someone may try to sign in again after failures: five tries freely, then a wait that doubles with every
 * further failure (1 s, 2 s, 4 s, … up to 15 minutes). Applied per account, and per client address with twenty free
 * tries (a whole office may share one address, and one person's typing errors should not lock out the others), so
 * guessing one account's password, or many accounts' from one address, slows down to a crawl.
 *
 * @param failures     failed tries since the last success
 * @param lastFailure  when the last one failed; null without failures
 */
public record SignInThrottle(int failures, Instant lastFailure) {

    public static final int FREE_TRIES = 5;
    public static final int ADDRESS_FREE_TRIES = 20;
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    public SignInThrottle {
        if (failures < 0 || (failures > 0) == (lastFailure == null)) {
            throw new IllegalArgumentException("failures and the last failure go together: " + failures + ", "
                    + lastFailure);
        }
    }

    public static SignInThrottle none() {
        return new SignInThrottle(0, null);
    }

    /** When the next try on the account is allowed; {@code now} or earlier when it is allowed at once. */
    public Instant nextTryAllowedAt() {
        return nextTryAllowedAt(FREE_TRIES);
    }

    /** When the next try is allowed after {@code freeTries} free ones. */
    public Instant nextTryAllowedAt(int freeTries) {
        if (failures < freeTries) {
            return Instant.MIN;
        }
        int doublings = Math.min(failures - freeTries, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return lastFailure.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    public boolean allows(Instant now) {
        return !now.isBefore(nextTryAllowedAt());
    }

    public SignInThrottle failedAt(Instant at) {
        return new SignInThrottle(failures + 1, at);
    }

    /**
     * Takes back one try counted in advance. A try is counted before the password is checked, so that tries at the
     * same moment cannot all pass the throttle; one that then succeeds no longer counts against the client address.
     */
    public SignInThrottle withdrawn() {
        return failures <= 1 ? none() : new SignInThrottle(failures - 1, lastFailure);
    }

    /** A success clears the failures. */
    public SignInThrottle succeeded() {
        return none();
    }
}
