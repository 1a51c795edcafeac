package nl.klantspiegel.domain.account;

import java.time.Instant;
import java.util.Objects;

/** Someone signed in to an account, in the browser or to get an API token. */
public record SignedIn(String accountId, Instant at) implements AccountEvent {
    public SignedIn {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(at, "at");
    }
}
