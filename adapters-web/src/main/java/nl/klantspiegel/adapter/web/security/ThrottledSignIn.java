package nl.klantspiegel.adapter.web.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Signing in was refused because of too many tries: answered 429 with Retry-After. */
final class ThrottledSignIn extends AuthenticationException {

    private final Duration retryAfter;

    ThrottledSignIn(Duration retryAfter) {
        super("too many sign-in attempts");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
