package nl.klantspiegel.boot;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting, bounded, for what the release timer does in its own time: the tests that see releases run it every second
 * ({@code klantspiegel.reports.release-every=PT1S}) and poll the API until it shows the batch.
 */
final class Await {

    /** Far more than a release takes (a period of a second, looked for every quarter of it). */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    /** Asks again every 100 ms until the answer passes; fails with the last answer after {@link #LIMIT}. */
    static <T> T until(String what, Supplier<T> ask, Predicate<T> done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            last = ask.get();
        }
        return last;
    }
}
