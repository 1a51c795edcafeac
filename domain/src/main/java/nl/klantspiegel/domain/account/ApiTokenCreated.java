package nl.klantspiegel.domain.account;

import java.time.Instant;
import java.util.Objects;

/** A personal API token was made for an account; the event knows its id, never the token. */
public record ApiTokenCreated(String accountId, String tokenId, Instant expiresAt, Instant at) implements AccountEvent {
    public ApiTokenCreated {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(at, "at");
    }
}
