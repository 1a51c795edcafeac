package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.AccountsUseCase;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OperatorPreparation;
import nl.klantspiegel.application.port.in.SignInRefused;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.port.out.SignInThrottles.Versioned;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.account.AccountPolicy;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.PasswordPolicy;
import nl.klantspiegel.domain.account.SignInFailed;
import nl.klantspiegel.domain.account.SignInThrottle;
import nl.klantspiegel.domain.account.SignedIn;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Accounts: signing in, activation, enrolment, the operator, the account itself (API tokens: {@link ApiTokenService}).
 * Passwords are checked here against their hashes (the hashing itself is the
 * adapters'); failed tries are throttled per e-mail address and per client address ({@link SignInThrottle}), in the
 * store every node shares ({@link SignInThrottles}); every sign-in, failed sign-in of an existing account and
 * activation is published as an event, by account id only, for the audit trail.
 */
public final class AccountService implements AccountsUseCase {

    /** A throttle whose last failure is this long ago is forgotten: any wait it imposed is long over. */
    static final Duration FORGET_THROTTLE_AFTER = SignInThrottle.LONGEST_WAIT.multipliedBy(2);
    /**
     * How often a throttle is read and written again when other tries keep changing it at the same moment; past that
     * the try is refused as throttled (a key this busy is being guessed at).
     */
    static final int THROTTLE_ATTEMPTS = 50;

    private final Accounts accounts;
    private final OperatorSetup operatorSetup;
    private final Memberships memberships;
    private final OrganisationViews organisations;
    private final PasswordHashing passwords;
    private final EventGateway events;
    private final Clock clock;
    private final SignInThrottles throttles;
    /** A hash to check unknown accounts against, so that they take as long as known ones. */
    private final Supplier<String> dummyHash;

    public AccountService(Accounts accounts, OperatorSetup operatorSetup, Memberships memberships,
                          OrganisationViews organisations, PasswordHashing passwords, SignInThrottles throttles,
                          EventGateway events, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.operatorSetup = Objects.requireNonNull(operatorSetup, "operatorSetup");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        String[] hash = new String[1];
        this.dummyHash = () -> {
            synchronized (hash) {
                if (hash[0] == null) {
                    hash[0] = passwords.hash(Secrets.newToken(Secrets.TOKEN_BYTES));
                }
                return hash[0];
            }
        };
    }

    // ----- signing in ---------------------------------------------------------------------------------

    /**
     * Signs in with e-mail address and password. Each try is counted against the account and the client address
     * before the password is checked, one atomic step per key (a compare-and-set in the shared store), so that tries
     * sent at the same moment, to any node, cannot all pass the throttle; a try that succeeds clears the account's
     * count and is taken back from the address's.
     *
     * <p>The keys are kept as hashes ({@code account:<sha-256 of the address>}, {@code address:<sha-256>}): the store
     * every node shares holds no e-mail address or client address in clear.
     *
     * @param clientAddress the address the request came from (one throttle per address, never null)
     */
    @Override
    public Caller signIn(String email, String password, String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Instant now = clock.instant();
        String accountKey = "account:" + Secrets.hash(email == null ? ""
                : email.strip().toLowerCase(java.util.Locale.ROOT));
        String addressKey = "address:" + Secrets.hash(clientAddress);
        Optional<Account> account = EmailAddress.parse(email).flatMap(accounts::findByEmail);
        Instant refusedUntil = countTry(accountKey, SignInThrottle.FREE_TRIES, now);
        if (refusedUntil == null) {
            refusedUntil = countTry(addressKey, SignInThrottle.ADDRESS_FREE_TRIES, now);
            if (refusedUntil != null) {
                change(accountKey, now, SignInThrottle::withdrawn);
            }
        }
        if (refusedUntil != null) {
            account.ifPresent(found -> publish(new SignInFailed(found.id(), now)));
            throw new SignInRefused(Duration.between(now, refusedUntil));
        }
        boolean matches = account.filter(Account::isActive)
                .map(found -> password != null && passwords.matches(password, found.passwordHash()))
                .orElseGet(() -> {
                    passwords.matches(password == null ? "" : password, dummyHash.get()); // same time either way
                    return false;
                });
        if (!matches) {
            account.ifPresent(found -> publish(new SignInFailed(found.id(), now)));
            throw new SignInRefused(null);
        }
        change(accountKey, now, SignInThrottle::succeeded);
        change(addressKey, now, SignInThrottle::withdrawn);
        Account signedIn = account.orElseThrow();
        if (signedIn.activationTokenHash() != null) {
            // signing in proves the address's owner is there: a link they were given is not needed any more
            accounts.activate(signedIn.id(), signedIn.activationTokenHash(), signedIn.passwordHash(),
                    signedIn.activatedAt());
        }
        publish(new SignedIn(signedIn.id(), now));
        return new Caller(signedIn.id(), signedIn.operator());
    }

    /**
     * Counts a try against a key, unless the key has to wait: read, decide, compare-and-set; when another try (on any
     * node) changed the key in between, decide again on what it left.
     *
     * @return null when the try was counted and may go ahead; otherwise the moment from which it may
     */
    private Instant countTry(String key, int freeTries, Instant now) {
        for (int attempt = 0; attempt < THROTTLE_ATTEMPTS; attempt++) {
            Versioned stored = current(key, now);
            Instant allowedAt = stored.throttle().nextTryAllowedAt(freeTries);
            if (now.isBefore(allowedAt)) {
                return allowedAt;
            }
            SignInThrottle counted = stored.throttle().failedAt(now);
            if (throttles.replace(key, stored.version(), counted, forgetAfter(counted, now))) {
                return null;
            }
        }
        return now.plusSeconds(1); // fought over by that many tries at once: refused, as a throttle would
    }

    /** Changes a key's throttle (a success, a try taken back), unless nothing is kept for it. */
    private void change(String key, Instant now, java.util.function.UnaryOperator<SignInThrottle> change) {
        for (int attempt = 0; attempt < THROTTLE_ATTEMPTS; attempt++) {
            Versioned stored = current(key, now);
            if (stored.throttle().failures() == 0) {
                return;
            }
            SignInThrottle changed = change.apply(stored.throttle());
            if (throttles.replace(key, stored.version(), changed, forgetAfter(changed, now))) {
                return;
            }
        }
    }

    /** The key's throttle as it counts now: one whose last failure is long ago counts as none. */
    private Versioned current(String key, Instant now) {
        Versioned stored = throttles.find(key);
        SignInThrottle throttle = stored.throttle();
        if (throttle.failures() > 0 && !now.isBefore(throttle.lastFailure().plus(FORGET_THROTTLE_AFTER))) {
            return new Versioned(SignInThrottle.none(), stored.version());
        }
        return stored;
    }

    private static Instant forgetAfter(SignInThrottle throttle, Instant now) {
        return (throttle.failures() == 0 ? now : throttle.lastFailure()).plus(FORGET_THROTTLE_AFTER);
    }

    // ----- activation ---------------------------------------------------------------------------------

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
        publish(new AccountActivated(account.id(), now));
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

    private static EmailAddress address(String email) {
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

    // ----- the operator -------------------------------------------------------------------------------

    @Override
    public OperatorPreparation prepareOperator(String configuredEmail, String configuredPassword) {
        if (accounts.anyOperator()) {
            operatorSetup.clear();
            return new OperatorPreparation(OperatorPreparation.Status.OPERATOR_EXISTS, Optional.empty());
        }
        if (configuredEmail != null && !configuredEmail.isBlank()) {
            OperatorPreparation.Status status = OperatorPreparation.Status.OPERATOR_CREATED;
            try {
                createOperator(configuredEmail, configuredPassword);
            } catch (InvalidRequest addressTaken) {
                if (!accounts.anyOperator()) {
                    throw addressTaken;
                }
                // another node, started with the same configuration at the same moment, made the operator
                status = OperatorPreparation.Status.OPERATOR_EXISTS;
            }
            operatorSetup.clear();
            return new OperatorPreparation(status, Optional.empty());
        }
        String token = Secrets.newToken(Secrets.TOKEN_BYTES);
        if (!operatorSetup.create(Secrets.hash(token))) {
            return new OperatorPreparation(OperatorPreparation.Status.SETUP_LINK_EXISTS, Optional.empty());
        }
        return new OperatorPreparation(OperatorPreparation.Status.SETUP_LINK_MADE, Optional.of(token));
    }

    @Override
    public Caller setUpOperator(String setupToken, String email, String password) {
        String expected = operatorSetup.tokenHash()
                .orElseThrow(() -> new NotFound("This setup link (it may have been used)"));
        if (!Secrets.looksLikeToken(setupToken) || !Secrets.hash(setupToken).equals(expected) || accounts.anyOperator()) {
            throw new NotFound("This setup link (it may have been used)");
        }
        if (!operatorSetup.consume(expected)) {
            throw new NotFound("This setup link (it may have been used)"); // used a moment ago
        }
        try {
            return new Caller(createOperator(email, password).id(), true);
        } catch (RuntimeException failed) {
            operatorSetup.create(expected); // nothing was set up (a typing error, say): the link works again
            throw failed;
        }
    }

    private Account createOperator(String email, String password) {
        EmailAddress address = address(email);
        PasswordPolicy.check(password);
        Instant now = clock.instant();
        Account operator = new Account(UUID.randomUUID().toString(), address, true, passwords.hash(password), null,
                null, now, now);
        if (!accounts.create(operator)) {
            throw new InvalidRequest("The e-mail address " + address + " has an account already; the operator "
                    + "needs an address of its own.");
        }
        publish(new AccountActivated(operator.id(), now));
        return operator;
    }

    // ----- the account itself -------------------------------------------------------------------------

    @Override
    public AccountSummary me(Caller caller) {
        Account account = accounts.find(caller.accountId()).orElseThrow(() -> new NotFound("The account"));
        List<AccountSummary.Organisation> organisations = memberships.of(account.id()).stream()
                .map(membership -> new AccountSummary.Organisation(membership.organisationId(),
                        this.organisations.find(membership.organisationId()).map(view -> view.name()).orElse(""),
                        membership.role(), membership.teams().stream().sorted().toList()))
                .sorted(Comparator.comparing(AccountSummary.Organisation::name))
                .toList();
        return new AccountSummary(account.id(), account.email().value(), account.operator(), organisations);
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

    private void publish(AccountEvent event) {
        events.publish(event);
    }

}
