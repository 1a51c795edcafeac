package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.account.SignInThrottle;

import java.time.Instant;

/**
 * The sign-in throttles ({@link SignInThrottle}), one per key (an e-mail address, a client address), kept where every
 * node of the installation sees them: a failure counted on one node counts on all. Each change is a compare-and-set
 * against the version that was read, one atomic step per key, so that tries on several nodes at the same moment are
 * all counted.
 */
public interface SignInThrottles {

    /** The throttle kept under a key, and its version; {@link Versioned#ABSENT} when nothing is kept. */
    Versioned find(String key);

    /**
     * Replaces the throttle of version {@code expectedVersion} (or, for {@link Versioned#ABSENT}'s version, the absence
     * of one) by {@code next}, in one atomic step.
     *
     * @param forgetAfter from when the store may forget the key altogether
     * @return false, changing nothing, when the key holds another version by now
     */
    boolean replace(String key, long expectedVersion, SignInThrottle next, Instant forgetAfter);

    /** A throttle as it was read; the version changes with every replacement. */
    record Versioned(SignInThrottle throttle, long version) {

        /** Nothing kept under the key. */
        public static final Versioned ABSENT = new Versioned(SignInThrottle.none(), 0);
    }
}
