package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.domain.account.EmailAddress;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The accounts store in memory. It can play another process that creates the same account a moment earlier:
 * {@link #beforeNextCreate} runs something just before the next {@link #create}.
 */
public final class InMemoryAccounts implements Accounts {

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Deque<Function<Account, Boolean>> beforeCreate = new ArrayDeque<>();
    private final Deque<Runnable> beforeActivate = new ArrayDeque<>();
    private final Deque<Runnable> beforeNewActivation = new ArrayDeque<>();
    private int creates;

    @Override
    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public Optional<Account> findByEmail(EmailAddress email) {
        return accounts.values().stream().filter(account -> account.email().equals(email)).findFirst();
    }

    @Override
    public Optional<Account> findByActivation(String activationTokenHash) {
        return accounts.values().stream()
                .filter(account -> Objects.equals(account.activationTokenHash(), activationTokenHash))
                .findFirst();
    }

    @Override
    public boolean create(Account account) {
        creates++;
        Function<Account, Boolean> interference = beforeCreate.poll();
        if (interference != null && !interference.apply(account)) {
            return false;
        }
        if (findByEmail(account.email()).isPresent() || accounts.containsKey(account.id())) {
            return false;
        }
        accounts.put(account.id(), account);
        return true;
    }

    @Override
    public boolean newActivation(String accountId, String activationTokenHash, java.time.Instant expiresAt) {
        Runnable interference = beforeNewActivation.poll();
        if (interference != null) {
            interference.run();
        }
        Account stored = accounts.get(accountId);
        if (stored == null) {
            return false;
        }
        accounts.put(accountId, stored.withActivation(activationTokenHash, expiresAt));
        return true;
    }

    @Override
    public boolean activate(String accountId, String activationTokenHash, String passwordHash,
                            java.time.Instant at) {
        Account stored = accounts.get(accountId);
        Runnable interference = beforeActivate.poll();
        if (interference != null) {
            interference.run();
            stored = accounts.get(accountId);
        }
        if (stored == null || activationTokenHash == null
                || !activationTokenHash.equals(stored.activationTokenHash())) {
            return false;
        }
        accounts.put(accountId, new Account(accountId, stored.email(), stored.operator(), passwordHash, null, null,
                stored.createdAt(), at));
        return true;
    }

    /** Runs {@code interference} just before the next new activation link is stored: another request earlier. */
    public void beforeNextNewActivation(Runnable interference) {
        beforeNewActivation.add(interference);
    }

    /** Runs {@code interference} just before the next activation is stored: another request a moment earlier. */
    public void beforeNextActivation(Runnable interference) {
        beforeActivate.add(interference);
    }

    @Override
    public boolean anyOperator() {
        return accounts.values().stream().anyMatch(Account::operator);
    }

    /** Puts an account as it is, replacing one with its id. */
    public void put(Account account) {
        accounts.put(account.id(), account);
    }

    /** Forgets an account (the person was erased). */
    public void erase(String accountId) {
        accounts.remove(accountId);
    }

    public Collection<Account> all() {
        return accounts.values();
    }

    /**
     * Runs {@code interference} just before the next create; when it answers false, that create fails as if the
     * address had an account already.
     */
    public void beforeNextCreate(Function<Account, Boolean> interference) {
        beforeCreate.add(interference);
    }

    /** How often an account was to be created. */
    public int creates() {
        return creates;
    }
}
