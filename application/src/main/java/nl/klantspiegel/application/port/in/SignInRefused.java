package nl.klantspiegel.application.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * Signing in did not succeed. One message, whatever the reason (no such account, not activated, wrong password,
 * too many tries): nobody learns from it which e-mail addresses have an account.
 */
public final class SignInRefused extends RuntimeException {

    private final Duration retryAfter;

    public SignInRefused(Duration retryAfter) {
        super("The e-mail address or the password is not right, or there were too many tries; "
                + "wait a moment and try again.");
        this.retryAfter = retryAfter;
    }

    /** When the caller was throttled: how long to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
