package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.account.EmailAddress;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The accounts store: the only place that holds e-mail addresses and password hashes, apart from the event log, so
 * that an account can be erased without rewriting any event. Found by id, by e-mail address, and by the hash of an
 * open activation link.
 */
public interface Accounts {

    Optional<Account> find(String accountId);

    Optional<Account> findByEmail(EmailAddress email);

    Optional<Account> findByActivation(String activationTokenHash);

    /** @return false, storing nothing, when the e-mail address has an account already */
    boolean create(Account account);

    /**
     * Gives an account a new activation link, replacing the one it had (which then opens nothing). One atomic change of
     * those two fields only. (An account that has been activated gets one too when it is added to an organisation: the
     * answer must not tell whether the address had an account; using that link sets no password.)
     *
     * @return false, changing nothing, when the account does not exist
     */
    boolean newActivation(String accountId, String activationTokenHash, Instant expiresAt);

    /**
     * Activates an account with its password hash, if its activation link is still the one given, and closes that
     * link: one atomic step, so that a link works once even when it is used twice at the same moment.
     *
     * @return false, changing nothing, when the link has been used or replaced meanwhile
     */
    boolean activate(String accountId, String activationTokenHash, String passwordHash, Instant at);

    boolean anyOperator();

    /**
     * @param passwordHash        null until the account is activated
     * @param activationTokenHash the SHA-256 of the open activation link's token, if there is one
     */
    record Account(String id, EmailAddress email, boolean operator, String passwordHash, String activationTokenHash,
                   Instant activationExpiresAt, Instant createdAt, Instant activatedAt) {

        public Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        public boolean isActive() {
            return passwordHash != null;
        }

        public Account withActivation(String tokenHash, Instant expiresAt) {
            return new Account(id, email, operator, passwordHash, tokenHash, expiresAt, createdAt, activatedAt);
        }
    }
}
