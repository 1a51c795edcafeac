package nl.klantspiegel.domain.account;

import java.time.Instant;
import java.util.Objects;

/** Someone tried to sign in to an existing account with a wrong password (or while throttled). */
public record SignInFailed(String accountId, Instant at) implements AccountEvent {
    public SignInFailed {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(at, "at");
    }
}
