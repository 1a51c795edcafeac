package nl.klantspiegel.domain.account;

import java.time.Instant;
import java.util.Objects;

/** A person opened their activation link and chose a password. */
public record AccountActivated(String accountId, Instant at) implements AccountEvent {
    public AccountActivated {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(at, "at");
    }
}
