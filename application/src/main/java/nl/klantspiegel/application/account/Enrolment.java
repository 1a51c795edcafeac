package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.ActivateAccountUseCase;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.account.AccountPolicy;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.PasswordPolicy;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * People's accounts, from an e-mail address to an active account: found or made when someone is added to an
 * organisation, given an activation link to hand over, and activated by its owner, who chooses a password there (the
 * activation is published as an event, by account id only, for the audit trail).
 */
public final class Enrolment implements ActivateAccountUseCase {

    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final EventGateway events;
    private final Clock clock;

    public Enrolment(Accounts accounts, PasswordHashing passwords, EventGateway events, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void activate(String activationToken, String password) {
        Instant now = clock.instant();
        Account account = Optional.ofNullable(activationToken)
                .filter(Secrets::looksLikeToken)
                .flatMap(token -> accounts.findByActivation(Secrets.hash(token)))
                .filter(found -> found.activationExpiresAt() != null && now.isBefore(found.activationExpiresAt()))
                .orElseThrow(() -> new NotFound("This activation link (it may have been used, or expired)"));
        PasswordPolicy.check(password);
        if (account.isActive()) {
            // a link given to an address that already had an account: used up, and the password stays what it was
            if (!accounts.activate(account.id(), account.activationTokenHash(), account.passwordHash(),
                    account.activatedAt())) {
                throw new NotFound("This activation link (it may have been used, or expired)");
            }
            return;
        }
        if (!accounts.activate(account.id(), account.activationTokenHash(), passwords.hash(password), now)) {
            throw new NotFound("This activation link (it may have been used, or expired)"); // used a moment ago
        }
        events.publish(new AccountActivated(account.id(), now));
    }

    /**
     * Finds the account of an e-mail address, or makes one, and gives it a fresh activation link: {@link #enrol} and
     * then {@link #issueActivation}.
     */
    public Invited invite(String email) {
        return issueActivation(enrol(email).id());
    }

    /**
     * The account of an e-mail address, if there is one.
     *
     * @throws InvalidRequest when the text is not an e-mail address
     */
    public Optional<Account> findByEmail(String email) {
        return accounts.findByEmail(address(email));
    }

    /**
     * Finds the account of an e-mail address, or makes one that is not activated yet and has no activation link
     * (see {@link #issueActivation}). Two enrolments of one address at the same moment find the same account.
     */
    public Account enrol(String email) {
        EmailAddress address = address(email);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Account> existing = accounts.findByEmail(address);
            if (existing.isPresent()) {
                return existing.get();
            }
            Account created = new Account(UUID.randomUUID().toString(), address, false, null, null, null,
                    clock.instant(), null);
            if (accounts.create(created)) {
                return created;
            }
            // someone else created it at the same moment: look again
        }
        throw new IllegalStateException("could not find or create the account of " + address);
    }

    /**
     * A fresh activation link (valid {@link AccountPolicy#ACTIVATION_VALIDITY}) for an account that has not been
     * activated; any earlier link stops working. An activated account gets none.
     */
    public Invited issueActivation(String accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFound("The account " + accountId));
        String token = Secrets.newToken(Secrets.TOKEN_BYTES);
        Instant expiresAt = AccountPolicy.activationExpiry(clock.instant());
        if (!accounts.newActivation(accountId, Secrets.hash(token), expiresAt)) {
            // activated (or erased) a moment ago
            return new Invited(accounts.find(accountId).orElseThrow(() -> new NotFound("The account " + accountId)),
                    null, null);
        }
        return new Invited(account.withActivation(Secrets.hash(token), expiresAt), token, expiresAt);
    }

    static EmailAddress address(String email) {
        return EmailAddress.parse(email)
                .orElseThrow(() -> new InvalidRequest("'" + Shown.safely(email) + "' is not an e-mail address."));
    }

    /**
     * The account invited, and the activation token to hand over. Whether the address had an account already does not
     * show: such an account gets a link too, which is used up like any other but leaves its password as it was (the
     * activation page says so to everyone); until the link is used or its owner signs in, the member is not active.
     */
    public record Invited(Account account, String activationToken, Instant activationExpiresAt) {
    }

    /**
     * Whether the account exists, has been activated, and has no link open: an address that had an account when it was
     * added is not active until its owner uses the link or signs in, just like a new one.
     */
    public boolean isActive(String accountId) {
        return accounts.find(accountId).filter(Account::isActive).map(account -> account.activationTokenHash() == null)
                .orElse(false);
    }

    /** The e-mail address of an account as it is now, if the account still exists. */
    public Optional<String> emailOf(String accountId) {
        return accounts.find(accountId).map(account -> account.email().value());
    }
}
