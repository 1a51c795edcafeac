package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.SignInRefused;
import nl.klantspiegel.application.port.in.SignInUseCase;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.port.out.SignInThrottles.Versioned;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.SignInFailed;
import nl.klantspiegel.domain.account.SignInThrottle;
import nl.klantspiegel.domain.account.SignedIn;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Signing in with e-mail address and password, in the browser and for API tokens alike. Passwords are checked here
 * against their hashes (the hashing itself is the adapters'); failed tries are throttled per e-mail address and per
 * client address ({@link SignInThrottle}), in the store every node shares ({@link SignInThrottles}); every sign-in and
 * failed sign-in of an existing account is published as an event, by account id only, for the audit trail.
 */
public final class SignInService implements SignInUseCase {

    /** A throttle whose last failure is this long ago is forgotten: any wait it imposed is long over. */
    static final Duration FORGET_THROTTLE_AFTER = SignInThrottle.LONGEST_WAIT.multipliedBy(2);
    /**
     * How often a throttle is read and written again when other tries keep changing it at the same moment; past that
     * the try is refused as throttled (a key this busy is being guessed at).
     */
    static final int THROTTLE_ATTEMPTS = 50;

    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final SignInThrottles throttles;
    private final EventGateway events;
    private final Clock clock;
    /** A hash to check unknown accounts against, so that they take as long as known ones. */
    private final Supplier<String> dummyHash;

    public SignInService(Accounts accounts, PasswordHashing passwords, SignInThrottles throttles, EventGateway events,
                         Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
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
                : email.strip().toLowerCase(Locale.ROOT));
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
            account.ifPresent(found -> events.publish(new SignInFailed(found.id(), now)));
            throw new SignInRefused(Duration.between(now, refusedUntil));
        }
        boolean matches = account.filter(Account::isActive)
                .map(found -> password != null && passwords.matches(password, found.passwordHash()))
                .orElseGet(() -> {
                    passwords.matches(password == null ? "" : password, dummyHash.get()); // same time either way
                    return false;
                });
        if (!matches) {
            account.ifPresent(found -> events.publish(new SignInFailed(found.id(), now)));
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
        events.publish(new SignedIn(signedIn.id(), now));
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
    private void change(String key, Instant now, UnaryOperator<SignInThrottle> change) {
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
}
