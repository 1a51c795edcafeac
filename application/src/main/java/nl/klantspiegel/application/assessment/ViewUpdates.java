package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.ViewNotYetUpToDate;
import nl.klantspiegel.domain.assessment.AssessmentId;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Lets a request read its own writes: after a command, wait until the asynchronously updated view of that
 * assessment (or organisation) has reached the version the command produced. The projection in this process
 * signals each update, so the wait is usually a few milliseconds; when the projection runs in another process the
 * waiter still re-reads the store at a short interval, so it never depends on the signal.
 */
public final class ViewUpdates {

    private static final long RECHECK_MILLIS = 50;

    /** Keyed by the view's id: an {@link AssessmentId}, or an organisation's id. */
    private final ConcurrentMap<Object, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();

    /** How many assessments readers are waiting for now. */
    int waiting() {
        return signals.size();
    }

    /** Called by the projection after the view of {@code id} was stored. */
    public void updated(Object id) {
        CompletableFuture<Void> signal = signals.remove(id);
        if (signal != null) {
            signal.complete(null);
        }
    }

    /**
     * @param read reads the current view from the store
     * @return the view at {@code version} or later
     * @throws ViewNotYetUpToDate when it is not there within {@code timeout}
     */
    AssessmentView await(AssessmentId id, long version, Function<AssessmentId, Optional<AssessmentView>> read,
                         Duration timeout) {
        return await(id, version, () -> read.apply(id), AssessmentView::version,
                () -> new ViewNotYetUpToDate(id, version, timeout), timeout);
    }

    /**
     * @param read      reads the current view from the store
     * @param versionOf the version of a view: the sequence number of the last event it reflects
     * @param behind    the refusal when it is not there within {@code timeout}
     * @return the view at {@code version} or later
     */
    public <V> V await(Object id, long version, Supplier<Optional<V>> read, ToLongFunction<V> versionOf,
                       Supplier<? extends RuntimeException> behind, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // register interest before reading, so an update between the read and the wait is not missed
            CompletableFuture<Void> signal = signals.computeIfAbsent(id, key -> new CompletableFuture<>());
            Optional<V> view = read.get();
            if (view.isPresent() && versionOf.applyAsLong(view.get()) >= version) {
                // forget the interest, or it would stay for good when this assessment never changes again (a
                // reader of the same assessment waiting at this moment falls back to re-reading)
                signals.remove(id, signal);
                return view.get();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                signals.remove(id, signal);
                throw behind.get();
            }
            try {
                signal.get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException recheck) {
                // read the store again
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw behind.get();
            }
        }
    }
}
