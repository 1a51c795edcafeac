package nl.klantspiegel.domain.account;

import java.time.Instant;
import java.util.Objects;

/** A personal API token was revoked by its owner. */
public record ApiTokenRevoked(String accountId, String tokenId, Instant at) implements AccountEvent {
    public ApiTokenRevoked {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(at, "at");
    }
}
