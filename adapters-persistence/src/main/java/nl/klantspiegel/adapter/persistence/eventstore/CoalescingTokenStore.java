package nl.klantspiegel.adapter.persistence.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The node's token store, writing less often the position of a batch its processor ignored.
 *
 * <p>Axon's tracking processor stores its position after every batch, also after a batch of events none of its
 * handlers wants: with four projections and one event at a time, every answer cost two or three extra writes to the
 * store only to say "nothing here" (a tenth of the product's CPU with one respondent). A batch a processor handled is
 * stored in its unit of work, at once, as before; the position after an ignored batch is written at once only if the
 * segment's last write is {@code interval} old, and otherwise kept and written by {@link #flush()} (called every
 * fraction of the interval), or before anything else this store does with that segment (extending or releasing its
 * claim, fetching, splitting, deleting it). So the stored position of a processor lags what it has read by at most the
 * interval, and only over events it ignores: after a crash it reads them again and ignores them again.
 *
 * <p>Only positions of segments this store holds (fetched, not released) that plainly move forward (gap-aware
 * positions, each covering the last written) are kept back: a reset, a replay, a split or the first position are
 * written as they come.
 */
final class CoalescingTokenStore implements TokenStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CoalescingTokenStore.class.getName());

    private final TokenStore delegate;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    CoalescingTokenStore(TokenStore delegate, Duration interval, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
    }

    /** A store that flushes on a thread of its own, every quarter of the interval. */
    static CoalescingTokenStore started(TokenStore delegate, Duration interval) {
        CoalescingTokenStore store = new CoalescingTokenStore(delegate, interval, System::nanoTime);
        store.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "token-flush");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, interval.toMillis() / 4);
        store.flusher.scheduleWithFixedDelay(() -> {
            try {
                store.flush();
            } catch (RuntimeException failed) {
                LOG.log(System.Logger.Level.WARNING, "Writing kept-back positions failed; tried again", failed);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return store;
    }

    /** Stops flushing; positions still kept back are written by the processors' release of their claims. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
        }
    }

    /** A segment this store holds: when its position was last written, and the one kept back (null: none). */
    private static final class Held {
        long writtenAt;
        TrackingToken written;
        TrackingToken pending;
        long pendingSince;
    }

    private static String key(String processor, int segment) {
        return processor + '\u0000' + segment;
    }

    @Override
    public void storeToken(TrackingToken token, String processor, int segment) throws UnableToClaimTokenException {
        Held state = held.get(key(processor, segment));
        if (state == null) {
            delegate.storeToken(token, processor, segment);
            return;
        }
        synchronized (state) {
            long now = clock.getAsLong();
            boolean forward = forward(state.written, token);
            if (!CurrentUnitOfWork.isStarted() && forward && now - state.writtenAt < intervalNanos) {
                if (state.pending == null) {
                    state.pendingSince = now;
                }
                state.pending = token;
                return;
            }
            write(state, token, processor, segment, now);
        }
    }

    /**
     * Whether {@code next} plainly moves on from {@code last}: both positions of live tracking (gap-aware, not a replay
     * or the first position), {@code next} covering {@code last}. Anything else is written as it comes.
     */
    static boolean forward(TrackingToken last, TrackingToken next) {
        return last instanceof GapAwareTrackingToken previous && next instanceof GapAwareTrackingToken following
                && following.covers(previous);
    }

    private void write(Held state, TrackingToken token, String processor, int segment, long now) {
        state.pending = null;
        delegate.storeToken(token, processor, segment);
        state.written = token;
        state.writtenAt = now;
    }

    /** Writes what was kept back longer than the interval; a claim lost meanwhile drops it (the new holder reads on). */
    void flush() {
        long now = clock.getAsLong();
        held.forEach((key, state) -> {
            synchronized (state) {
                if (state.pending != null && now - state.pendingSince >= intervalNanos) {
                    int split = key.lastIndexOf('\u0000');
                    try {
                        write(state, state.pending, key.substring(0, split),
                                Integer.parseInt(key.substring(split + 1)), now);
                    } catch (UnableToClaimTokenException lost) {
                        state.pending = null;
                    }
                }
            }
        });
    }

    /** Writes what is kept back for a segment, before another operation on it. */
    private void settle(String processor, int segment) {
        Held state = held.get(key(processor, segment));
        if (state != null) {
            synchronized (state) {
                if (state.pending != null) {
                    write(state, state.pending, processor, segment, clock.getAsLong());
                }
            }
        }
    }

    private void settleAll(String processor) {
        held.keySet().stream().filter(key -> key.startsWith(processor + '\u0000')).toList().forEach(key ->
                settle(processor, Integer.parseInt(key.substring(key.lastIndexOf('\u0000') + 1))));
    }

    @Override
    public TrackingToken fetchToken(String processor, int segment) throws UnableToClaimTokenException {
        settle(processor, segment);
        TrackingToken token = delegate.fetchToken(processor, segment);
        hold(processor, segment, token);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processor, Segment segment) throws UnableToClaimTokenException {
        settle(processor, segment.getSegmentId());
        TrackingToken token = delegate.fetchToken(processor, segment);
        hold(processor, segment.getSegmentId(), token);
        return token;
    }

    private void hold(String processor, int segment, TrackingToken token) {
        Held state = held.computeIfAbsent(key(processor, segment), key -> new Held());
        synchronized (state) {
            state.pending = null;
            state.written = token;
            state.writtenAt = clock.getAsLong();
        }
    }

    @Override
    public void extendClaim(String processor, int segment) throws UnableToClaimTokenException {
        Held state = held.get(key(processor, segment));
        if (state != null) {
            synchronized (state) {
                if (state.pending != null) {
                    write(state, state.pending, processor, segment, clock.getAsLong()); // extends the claim too
                    return;
                }
            }
        }
        delegate.extendClaim(processor, segment);
    }

    @Override
    public void releaseClaim(String processor, int segment) {
        Held state = held.remove(key(processor, segment));
        if (state != null) {
            synchronized (state) {
                if (state.pending != null) {
                    try {
                        delegate.storeToken(state.pending, processor, segment);
                    } catch (UnableToClaimTokenException lost) {
                        // another node holds it now and reads on from the position it found
                    }
                    state.pending = null;
                }
            }
        }
        delegate.releaseClaim(processor, segment);
    }

    @Override
    public void initializeTokenSegments(String processor, int count) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processor, count);
    }

    @Override
    public void initializeTokenSegments(String processor, int count, TrackingToken initial)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processor, count, initial);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processor, int segment) {
        settleAll(processor);
        delegate.initializeSegment(token, processor, segment);
    }

    @Override
    public void deleteToken(String processor, int segment) throws UnableToClaimTokenException {
        settle(processor, segment);
        held.remove(key(processor, segment));
        delegate.deleteToken(processor, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processor) {
        return delegate.fetchSegments(processor);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processor) {
        return delegate.fetchAvailableSegments(processor);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
