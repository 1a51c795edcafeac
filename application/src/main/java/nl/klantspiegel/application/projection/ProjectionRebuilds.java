package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Rebuilds a projection while the product keeps serving — blue/green: a new version of its read models (their own
 * collections) is filled from the first event by a second instance of the projection in a processor of its own,
 * beside the version that answers and keeps answering. Once the new one has caught up, the live processor stops, the
 * new one finishes up to where the live one stopped, the product switches every read model of the projection to the
 * new version (also for after a restart), the live processor starts again on it from where it stopped (what the new
 * one already holds is written again, alike: the projections are idempotent), and the old version is dropped.
 * Answers given during the rebuild are in it: the new processor reads the log to its end. Different projections may
 * rebuild at once; one projection once at a time.
 */
public final class ProjectionRebuilds implements RebuildProjectionUseCase {

    private static final System.Logger LOG = System.getLogger(ProjectionRebuilds.class.getName());
    private static final long POLL = Duration.ofMillis(50).toNanos();
    /** How near the head a rebuild must come before the live processor is stopped for the switch: one batch. */
    static final long CLOSE = 100;

    private final Map<String, RebuildableProjection> projections;
    private final ReadModelVersions versions;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final Executor follower;
    private final ConcurrentMap<String, Rebuild> running = new ConcurrentHashMap<>();

    public ProjectionRebuilds(Collection<RebuildableProjection> projections, ReadModelVersions versions,
                              StreamableMessageSource<TrackedEventMessage<?>> events, TokenStore tokens,
                              Function<String, Optional<StreamingEventProcessor>> processors, Executor follower) {
        Map<String, RebuildableProjection> byName = new LinkedHashMap<>();
        for (RebuildableProjection projection : projections) {
            if (byName.put(projection.name(), projection) != null) {
                throw new IllegalArgumentException("Projection " + projection.name() + " registered twice");
            }
        }
        this.projections = Map.copyOf(byName);
        this.versions = Objects.requireNonNull(versions, "versions");
        this.events = Objects.requireNonNull(events, "events");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.processors = Objects.requireNonNull(processors, "processors");
        this.follower = Objects.requireNonNull(follower, "follower");
    }

    @Override
    public void rebuild(Caller caller, String name) {
        if (!caller.operator()) {
            throw new AccessDenied("Only the operator rebuilds projections.");
        }
        RebuildableProjection projection = name == null ? null : projections.get(name);
        if (projection == null || processors.apply(name).isEmpty()) {
            throw new NotFound("Projection " + name);
        }
        Rebuild claimed = new Rebuild();
        if (running.putIfAbsent(name, claimed) != null) {
            throw new RebuildRefused("Projection " + name + " is being rebuilt already; see GET /api/projections.");
        }
        int old = versions.active(name);
        int version = old + 1;
        String processorName = processorName(name, version);
        try {
            Map<Class<?>, Object> fresh = new LinkedHashMap<>();
            for (Switchable<?> store : projection.stores()) {
                versions.drop(store.type(), version); // what a rebuild that broke off may have left
                fresh.put(store.type(), versions.open(store.type(), version));
            }
            Object instance = projection.instance().apply(new RebuildableProjection.Stores() {
                @Override
                public <T> T get(Class<T> type) {
                    return type.cast(Objects.requireNonNull(fresh.get(type),
                            () -> name + " writes no " + type.getSimpleName()));
                }
            });
            claimed.processor = TrackingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(instance).build())
                    .messageSource(events)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing().andBatchSize(100)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
            forget(processorName); // the position of one that broke off: this one starts at the first event
            claimed.processor.start();
            follower.execute(() -> follow(projection, claimed, fresh, old, version));
        } catch (RuntimeException failed) {
            if (claimed.processor != null) {
                claimed.processor.shutDown();
            }
            forget(processorName);
            running.remove(name, claimed);
            throw failed;
        }
    }

    /** A rebuild under way: claimed first, so that a second one is refused before anything is touched. */
    private static final class Rebuild {
        volatile TrackingEventProcessor processor;
    }

    /** The rebuilding processor's own name, so that its position never mixes with the live one's. */
    static String processorName(String projection, int version) {
        return projection + "@v" + version;
    }

    private void follow(RebuildableProjection projection, Rebuild claimed, Map<Class<?>, Object> fresh, int old,
                        int version) {
        TrackingEventProcessor rebuild = claimed.processor;
        StreamingEventProcessor live = null;
        boolean switched = false;
        boolean activated = false;
        try {
            awaitClose(rebuild);
            live = processors.apply(projection.name()).orElseThrow();
            live.shutDown();
            awaitCovering(rebuild, storedTokens(projection.name()));
            rebuild.shutDown();
            for (Switchable<?> store : projection.stores()) {
                store.switchToVersion(fresh.get(store.type()));
            }
            switched = true;
            versions.activate(projection.name(), version);
            activated = true;
            live.start();
            LOG.log(System.Logger.Level.INFO, "Projection {0} rebuilt: version {1} answers", projection.name(), version);
            for (Switchable<?> store : projection.stores()) {
                versions.drop(store.type(), old);
            }
        } catch (RuntimeException | Error failed) {
            LOG.log(System.Logger.Level.ERROR, "The rebuild of " + projection.name() + " broke off; the version that "
                    + "answered answers on. Start it again when the cause is gone.", failed);
            rebuild.shutDown();
            if (switched && !activated) {
                for (Switchable<?> store : projection.stores()) { // back to the version a restart would answer from
                    store.switchToVersion(versions.open(store.type(), old));
                }
            }
            if (live != null && !live.isRunning()) {
                live.start();
            }
            throw failed;
        } finally {
            try {
                forget(rebuild.getName());
            } finally {
                running.remove(projection.name(), claimed);
            }
        }
    }

    /** Removes a rebuilding processor's position from the token store. */
    private void forget(String processor) {
        for (int segment : tokens.fetchSegments(processor)) {
            tokens.fetchToken(processor, segment); // a token store deletes only a token this node has claimed
            tokens.deleteToken(processor, segment);
        }
    }

    /**
     * Until the rebuilding processor is as close to the head as a live one: caught up in Axon's sense (it found no
     * next event), or within one batch of the head. Under a steady stream of answers Axon may never find the stream
     * empty, so the head is chased: up to the head as it was, then to the head as it is by then, until close.
     */
    private void awaitClose(StreamingEventProcessor rebuild) {
        long target = head();
        while (true) {
            awaitPosition(rebuild, target);
            long now = head();
            if (ProjectionCatchUp.reachedEnd(rebuild) || now - position(rebuild) <= CLOSE) {
                return;
            }
            target = now;
        }
    }

    private static void awaitPosition(StreamingEventProcessor processor, long atLeast) {
        while (position(processor) < atLeast) {
            LockSupport.parkNanos(POLL);
        }
    }

    /**
     * Until the rebuilding processor has handled every event the live one had: its token covers the live one's, so
     * also the events that the live one handled but the rebuilding one has not yet (a gap, such as an append still
     * under way when it passed). What the rebuilding one handled beyond, the live one handles again, alike.
     */
    private static void awaitCovering(StreamingEventProcessor rebuild, List<TrackingToken> live) {
        while (!covers(rebuild.processingStatus().values().stream().map(EventTrackerStatus::getTrackingToken)
                .filter(Objects::nonNull).findFirst().orElse(null), live)) {
            LockSupport.parkNanos(POLL);
        }
    }

    /** Whether a token has handled every event the others have (none handled: {@code null}). */
    static boolean covers(TrackingToken rebuild, List<TrackingToken> live) {
        return live.stream().allMatch(stopped -> stopped == null || rebuild != null
                && WrappedToken.unwrapLowerBound(rebuild).covers(WrappedToken.unwrapLowerBound(stopped)));
    }

    /** Where a stopped processor's segments stand, as its token store keeps them. */
    private List<TrackingToken> storedTokens(String processor) {
        List<TrackingToken> stored = new ArrayList<>();
        for (int segment : tokens.fetchSegments(processor)) {
            stored.add(tokens.fetchToken(processor, segment)); // claims it: a token store gives no token otherwise
            tokens.releaseClaim(processor, segment);
        }
        return stored;
    }

    private long head() {
        var head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static long position(StreamingEventProcessor processor) {
        return ProjectionCatchUp.positionOf(processor).orElse(0);
    }

    @Override
    public OptionalLong rebuildPosition(String projection) {
        Rebuild rebuild = projection == null ? null : running.get(projection);
        if (rebuild == null) {
            return OptionalLong.empty();
        }
        TrackingEventProcessor processor = rebuild.processor;
        return OptionalLong.of(processor == null ? 0 : position(processor));
    }
}
