package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Personal API tokens, kept only as their SHA-256 hash: found by that hash, and listed per account. */
public interface ApiTokens {

    /** Stores a new token, or a changed one (revoked). */
    void save(ApiToken token);

    Optional<ApiToken> findByHash(String hash);

    List<ApiToken> ofAccount(String accountId);

    record ApiToken(String id, String hash, String accountId, Instant createdAt, Instant expiresAt,
                    Instant revokedAt) {

        public boolean isValidAt(Instant moment) {
            return revokedAt == null && moment.isBefore(expiresAt);
        }

        public ApiToken revokedAt(Instant at) {
            return new ApiToken(id, hash, accountId, createdAt, expiresAt, at);
        }
    }
}
