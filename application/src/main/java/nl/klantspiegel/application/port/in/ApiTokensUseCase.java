package nl.klantspiegel.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Personal API tokens for scripts and analysts: made with the password, shown once, revocable, expiring. */
public interface ApiTokensUseCase {

    /**
     * A new token for the caller, who has just given their password (HTTP Basic on {@code POST /api/tokens}).
     *
     * @param validity how long it works; null for the default (90 days), at most 365 days
     */
    NewApiToken create(Caller caller, Duration validity);

    /** The caller a token belongs to, while it is valid. */
    Optional<Caller> authenticate(String token);

    List<ApiTokenSummary> list(Caller caller);

    /** @throws NotFound for a token that is not the caller's */
    void revoke(Caller caller, String tokenId);

    /** The token itself, shown this once. */
    record NewApiToken(String id, String token, Instant expiresAt) {
    }

    record ApiTokenSummary(String id, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt) {
    }
}
