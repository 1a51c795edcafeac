package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.domain.account.SignInThrottle;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The sign-in throttles, in memory, with compare-and-set as the shared store does it; a hook for interference. */
public final class InMemorySignInThrottles implements SignInThrottles {

    private final Map<String, Versioned> kept = new HashMap<>();
    private final Map<String, Instant> forgetAfter = new HashMap<>();
    private long versions;
    private Runnable beforeReplace;
    private int replaceCalls;
    private boolean alwaysBeaten;
    private final Map<Integer, Runnable> beforeCall = new HashMap<>();

    @Override
    public synchronized Versioned find(String key) {
        return kept.getOrDefault(key, Versioned.ABSENT);
    }

    @Override
    public boolean replace(String key, long expectedVersion, SignInThrottle next, Instant forgetAfter) {
        Runnable interference;
        synchronized (this) {
            replaceCalls++;
            interference = beforeCall.containsKey(replaceCalls) ? beforeCall.remove(replaceCalls) : beforeReplace;
            if (interference == beforeReplace) {
                beforeReplace = null;
            }
        }
        if (interference != null) {
            interference.run();
        }
        synchronized (this) {
            if (alwaysBeaten) {
                kept.put(key, new Versioned(find(key).throttle(), ++versions)); // another node was first
                return false;
            }
            if (find(key).version() != expectedVersion) {
                return false;
            }
            kept.put(key, new Versioned(next, ++versions));
            this.forgetAfter.put(key, forgetAfter);
            return true;
        }
    }

    /** Runs {@code interference} just before the next {@link #replace}: another node changing a key a moment earlier. */
    public synchronized void beforeNextReplace(Runnable interference) {
        beforeReplace = interference;
    }

    /** Runs {@code interference} just before the {@code n}-th {@link #replace} from now (1: the next). */
    public synchronized void beforeReplaceNumber(int n, Runnable interference) {
        beforeCall.put(replaceCalls + n, interference);
    }

    /** From now on another node changes a key just before every replace: each one is refused. */
    public synchronized void beatEveryReplace() {
        alwaysBeaten = true;
    }

    public synchronized int replaceCalls() {
        return replaceCalls;
    }

    public synchronized Map<String, Versioned> kept() {
        return Map.copyOf(kept);
    }

    public synchronized Instant forgetAfter(String key) {
        return forgetAfter.get(key);
    }
}
