package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.ApiTokensUseCase;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.port.out.ApiTokens.ApiToken;
import nl.klantspiegel.domain.account.AccountPolicy;
import nl.klantspiegel.domain.account.ApiTokenCreated;
import nl.klantspiegel.domain.account.ApiTokenRevoked;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Personal API tokens: made for the signed-in account (shown once, stored only as their hash), recognised on every
 * request, listed and revoked by their owner. Creation and revocation are published as events, by account id only,
 * for the audit trail.
 */
public final class ApiTokenService implements ApiTokensUseCase {

    private final ApiTokens apiTokens;
    private final Accounts accounts;
    private final EventGateway events;
    private final Clock clock;

    public ApiTokenService(ApiTokens apiTokens, Accounts accounts, EventGateway events, Clock clock) {
        this.apiTokens = Objects.requireNonNull(apiTokens, "apiTokens");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public NewApiToken create(Caller caller, Duration validity) {
        Instant now = clock.instant();
        Instant expiresAt;
        try {
            expiresAt = AccountPolicy.tokenExpiry(now, validity);
        } catch (IllegalArgumentException outOfRange) {
            throw new InvalidRequest(outOfRange.getMessage());
        }
        String token = Secrets.newToken(Secrets.TOKEN_BYTES);
        ApiToken stored = new ApiToken(UUID.randomUUID().toString(), Secrets.hash(token), caller.accountId(), now,
                expiresAt, null);
        apiTokens.save(stored);
        events.publish(new ApiTokenCreated(caller.accountId(), stored.id(), expiresAt, now));
        return new NewApiToken(stored.id(), token, expiresAt);
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (!Secrets.looksLikeToken(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return apiTokens.findByHash(Secrets.hash(token))
                .filter(found -> found.isValidAt(now))
                .flatMap(found -> accounts.find(found.accountId()))
                .filter(Account::isActive)
                .map(account -> new Caller(account.id(), account.operator()));
    }

    @Override
    public List<ApiTokenSummary> list(Caller caller) {
        return apiTokens.ofAccount(caller.accountId()).stream()
                .sorted(Comparator.comparing(ApiToken::createdAt).reversed())
                .map(token -> new ApiTokenSummary(token.id(), token.createdAt(), token.expiresAt(), token.revokedAt()))
                .toList();
    }

    @Override
    public void revoke(Caller caller, String tokenId) {
        ApiToken token = apiTokens.ofAccount(caller.accountId()).stream()
                .filter(found -> found.id().equals(tokenId))
                .findFirst()
                .orElseThrow(() -> new NotFound("API token " + Shown.safely(tokenId)));
        if (token.revokedAt() != null) {
            return;
        }
        Instant now = clock.instant();
        apiTokens.save(token.revokedAt(now));
        events.publish(new ApiTokenRevoked(caller.accountId(), tokenId, now));
    }
}
