package nl.klantspiegel.domain.account;

import java.time.Instant;

/**
 * What happened to an account, for the audit trail: by account id only. The e-mail address, the password and the
 * tokens themselves never appear in an event; they live in the accounts store, which can forget a person.
 */
public sealed interface AccountEvent permits AccountActivated, SignedIn, SignInFailed, ApiTokenCreated,
        ApiTokenRevoked {

    String accountId();

    Instant at();
}
