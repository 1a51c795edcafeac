package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.application.port.out.ProjectionRebuilder;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.port.out.RebuildClaims.Claim;
import nl.klantspiegel.application.port.out.RebuildClaims.Stage;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.projection.ActiveReadModel;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.projection.RebuildableProjection;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Rebuilds a projection while the product keeps serving, on any number of nodes — blue/green: a new version of its
 * read models (their own collections) is filled from the first event by a second instance of the projection in a
 * processor of its own on the node that was asked, beside the version that answers and keeps answering everywhere.
 *
 * <ol>
 *   <li>One rebuild per projection at a time, decided in the shared store: a {@link RebuildClaims claim} inserted
 *   when there is none, kept alive by a heartbeat ({@link Timing#beat}). A claim whose heartbeat stopped for
 *   {@link Timing#staleAfter} (its node died) is taken over by the next request, or given up by any node's
 *   {@link ProjectionCoordinator}: the version it was building is retired, the answering one answers on.</li>
 *   <li>The new version gets a number no build had before ({@link ReadModelVersions#allocate}).</li>
 *   <li>Once the new version is within a batch of the head, the claim says {@code SWITCHING}: every node releases its
 *   segments of the live projection, and this node claims all of them in the shared token store under a name of its
 *   own — from then on no node's live processor handles an event of it, whatever node it runs on. (A node that died
 *   holding one: its claim runs out after the claim timeout.) If the segments are not all held within
 *   {@link Timing#switchTimeout}, the rebuild gives up and everything runs on as before.</li>
 *   <li>The rebuild goes on until its position covers every segment's (every event any node's live processor had
 *   handled, including one it passed by while that append was still under way: a gap in Axon's gap-aware token).</li>
 *   <li>The answering version is switched in the store, compare-and-set from the version that answered at the start,
 *   which is retired at the same moment (dropped later, once no node answers from it: {@link ProjectionCoordinator}).
 *   The segments stay held for {@link ActiveVersions#bound()} and a little more, so that every node has read the new
 *   version before any live processor can write again; then they are released and the live processors go on from
 *   where they stood, writing into the new version (what it already holds is written again, alike: the projections
 *   are idempotent).</li>
 * </ol>
 * A rebuild that breaks off (a failing database, the claim lost) is logged; the version it built is retired, the one
 * that answered answers on, the segments are released (or their claims run out if the node died), and the rebuild can
 * be started again. Different projections may rebuild at once.
 */
public final class ProjectionRebuilds implements ProjectionRebuilder {

    private static final System.Logger LOG = System.getLogger(ProjectionRebuilds.class.getName());
    private static final long POLL = Duration.ofMillis(20).toNanos();
    /** How near the head a rebuild must come before the live processors are stopped for the switch: one batch. */
    static final long CLOSE = 100;
    /** What the hold after the switch adds to the bound within which every node follows it. */
    static final Duration MARGIN = Duration.ofMillis(250);

    private final Map<String, RebuildableProjection> projections;
    private final ReadModelVersions versions;
    private final ActiveVersions active;
    private final RebuildClaims claims;
    private final SharedTokens shared;
    private final String node;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final Executor follower;
    private final Clock clock;
    private final Timing timing;
    private final ConcurrentMap<String, Rebuild> running = new ConcurrentHashMap<>();

    /**
     * @param beat          how often a rebuild says it is alive (and extends the claims it holds)
     * @param staleAfter    after how long without a heartbeat a rebuild counts as dead (well beyond the claim timeout
     *                      of the token store, so that its claims have run out by then)
     * @param switchTimeout how long a rebuild may take to hold every live segment and cover it
     * @param releaseFor    how long this node's live processor leaves a segment alone once asked to release it
     */
    public record Timing(Duration beat, Duration staleAfter, Duration switchTimeout, Duration releaseFor) {
        public Timing {
            Objects.requireNonNull(beat, "beat");
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(switchTimeout, "switchTimeout");
            Objects.requireNonNull(releaseFor, "releaseFor");
        }
    }

    /**
     * @param node       this node, as it owns claims (the segments it holds for a switch: {@code node#switch})
     * @param tokens     this node's token store (the rebuilding processor's position)
     * @param processors this node's live processor of a projection, by name
     * @param follower   runs each rebuild, on a thread of its own
     */
    public ProjectionRebuilds(Collection<RebuildableProjection> projections, ReadModelVersions versions,
                              ActiveVersions active, RebuildClaims claims, SharedTokens shared, String node,
                              StreamableMessageSource<TrackedEventMessage<?>> events, TokenStore tokens,
                              Function<String, Optional<StreamingEventProcessor>> processors, Executor follower,
                              Clock clock, Timing timing) {
        Map<String, RebuildableProjection> byName = new LinkedHashMap<>();
        for (RebuildableProjection projection : projections) {
            if (byName.put(projection.name(), projection) != null) {
                throw new IllegalArgumentException("Projection " + projection.name() + " registered twice");
            }
        }
        this.projections = Map.copyOf(byName);
        this.versions = Objects.requireNonNull(versions, "versions");
        this.active = Objects.requireNonNull(active, "active");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.node = Objects.requireNonNull(node, "node");
        this.events = Objects.requireNonNull(events, "events");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.processors = Objects.requireNonNull(processors, "processors");
        this.follower = Objects.requireNonNull(follower, "follower");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** The name under which a node holds the live segments of a projection while switching it. */
    static String switcher(String node) {
        return node + "#switch";
    }

    @Override
    public boolean rebuilds(String projection) {
        return projections.containsKey(projection) && processors.apply(projection).isPresent();
    }

    @Override
    public void start(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null || processors.apply(name).isEmpty()) {
            throw new IllegalArgumentException("No projection " + name + " to rebuild on this node");
        }
        Instant now = clock.instant();
        int version = versions.allocate(name);
        Rebuild rebuild = new Rebuild(new Claim(name, node, version, Stage.BUILDING, 0, now));
        try {
            claims.claim(rebuild.claim, now.minus(timing.staleAfter))
                    .ifPresent(stale -> giveUp(versions, stale, now));
        } catch (RebuildClaims.Taken taken) {
            throw new AlreadyRebuilding(name);
        }
        running.put(name, rebuild);
        String processorName = processorName(name, version);
        try {
            int old = versions.active(name); // read holding the claim: no other rebuild switches it now
            Map<Class<?>, Object> fresh = new LinkedHashMap<>();
            for (ActiveReadModel<?> store : projection.stores()) {
                versions.drop(store.type(), version); // nothing, unless a store kept what a lost build wrote
                fresh.put(store.type(), versions.open(store.type(), version));
            }
            Object instance = projection.instance().apply(new RebuildableProjection.Stores() {
                @Override
                public <T> T get(Class<T> type) {
                    return type.cast(Objects.requireNonNull(fresh.get(type),
                            () -> name + " writes no " + type.getSimpleName()));
                }
            });
            rebuild.processor = TrackingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(instance).build())
                    .messageSource(events)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing().andBatchSize(100)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
            forget(tokens, processorName); // a position left under this name: this one starts at the first event
            rebuild.processor.start();
            follower.execute(() -> follow(projection, rebuild, old));
        } catch (RuntimeException failed) {
            if (rebuild.processor != null) {
                rebuild.processor.shutDown();
            }
            end(rebuild, clock.instant(), false);
            throw failed;
        }
    }

    /** A rebuild under way on this node. */
    private static final class Rebuild {
        volatile Claim claim;
        volatile TrackingEventProcessor processor;
        volatile long nextBeat;
        /** The live segments held for the switch, with their positions. */
        final Map<Integer, TrackingToken> held = new TreeMap<>();

        Rebuild(Claim claim) {
            this.claim = claim;
            this.nextBeat = System.nanoTime();
        }
    }

    /** The rebuilding processor's own name, so that its position never mixes with the live one's. */
    public static String processorName(String projection, int version) {
        return projection + "@v" + version;
    }

    /**
     * Gives up a rebuild whose node stopped beating: the version it built is retired (unless it answers: it died
     * after switching), and its claim removed.
     */
    static void giveUp(ReadModelVersions versions, Claim stale, Instant at) {
        LOG.log(System.Logger.Level.WARNING, "The rebuild of {0} by {1} stopped at {2}; given up", stale.projection(),
                stale.owner(), stale.heartbeat());
        if (versions.active(stale.projection()) != stale.version()) {
            versions.retire(stale.projection(), stale.version(), at);
        }
    }

    private void follow(RebuildableProjection projection, Rebuild rebuild, int old) {
        String name = projection.name();
        TrackingEventProcessor processor = rebuild.processor;
        TokenStore switcher = shared.claimant(switcher(node));
        Optional<StreamingEventProcessor> live = processors.apply(name);
        int[] segments = switcher.fetchSegments(name);
        boolean activated = false;
        try {
            awaitClose(rebuild, processor);
            beat(rebuild, Stage.SWITCHING, switcher);
            long deadline = System.nanoTime() + timing.switchTimeout.toNanos();
            pollUntil(rebuild, Stage.SWITCHING, switcher, () -> holdAll(rebuild, switcher, live, name, segments),
                    deadline, "holding every segment of " + name);
            pollUntil(rebuild, Stage.SWITCHING, switcher, () -> covers(tokenOf(processor), rebuild.held.values()),
                    deadline, "covering what the live processors had handled");
            processor.shutDown();
            if (!versions.activate(name, old, rebuild.claim.version(), clock.instant())) {
                throw new IllegalStateException("another version than " + old + " answered at the switch");
            }
            activated = true;
            active.forget(name);
            pollUntil(rebuild, Stage.SWITCHING, switcher, () -> false,
                    System.nanoTime() + active.bound().plus(MARGIN).toNanos(), null);
            LOG.log(System.Logger.Level.INFO, "Projection {0} rebuilt: version {1} answers", name,
                    rebuild.claim.version());
        } catch (RuntimeException | Error failed) {
            LOG.log(System.Logger.Level.ERROR, "The rebuild of " + name + " broke off; version "
                    + (activated ? rebuild.claim.version() : old) + " answers. Start it again when the cause is gone.",
                    failed);
            processor.shutDown();
            throw failed;
        } finally {
            for (int segment : rebuild.held.keySet()) {
                quietly(() -> switcher.releaseClaim(name, segment));
            }
            live.ifPresent(here -> {
                for (int segment : segments) {
                    here.claimSegment(segment); // no longer left alone: claimed again at once, if free
                }
            });
            end(rebuild, clock.instant(), activated);
        }
    }

    /** Removes the rebuilding processor's position, retires what it built unless it answers now, drops the claim. */
    private void end(Rebuild rebuild, Instant at, boolean activated) {
        Claim claim = rebuild.claim;
        try {
            if (!activated) {
                versions.retire(claim.projection(), claim.version(), at);
            }
            quietly(() -> forget(tokens, processorName(claim.projection(), claim.version())));
            claims.release(claim);
        } finally {
            running.remove(claim.projection(), rebuild);
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException ignored) {
            // its claim runs out, or the coordinator does it later
        }
    }

    /**
     * Tries to claim the live segments not held yet for the switch, asking this node's live processor (again) to
     * leave them alone meanwhile; whether all are held now.
     */
    private boolean holdAll(Rebuild rebuild, TokenStore switcher, Optional<StreamingEventProcessor> live, String name,
                            int[] segments) {
        for (int segment : segments) {
            if (!rebuild.held.containsKey(segment)) {
                live.ifPresent(here -> here.releaseSegment(segment, timing.releaseFor.toMillis(),
                        TimeUnit.MILLISECONDS));
                try {
                    rebuild.held.put(segment, switcher.fetchToken(name, segment));
                } catch (UnableToClaimTokenException stillHeld) {
                    // a node's processor has not let go yet, or its claim has not run out
                }
            }
        }
        return rebuild.held.size() == segments.length;
    }

    /** Removes a processor's position from a token store (it must be claimable). */
    static void forget(TokenStore store, String processor) {
        for (int segment : store.fetchSegments(processor)) {
            store.fetchToken(processor, segment); // a token store deletes only a token it holds the claim of
            store.deleteToken(processor, segment);
        }
    }

    /**
     * Until the rebuilding processor is as close to the head as a live one: caught up in Axon's sense (it found no
     * next event), or within one batch of the head. Under a steady stream of answers Axon may never find the stream
     * empty, so the head is chased: up to the head as it was, then to the head as it is by then, until close.
     */
    private void awaitClose(Rebuild rebuild, StreamingEventProcessor processor) {
        long[] target = {head()};
        pollUntil(rebuild, Stage.BUILDING, null, () -> {
            long position = position(processor);
            if (position < target[0]) {
                return false;
            }
            long now = head();
            target[0] = now;
            return ProjectionCatchUp.reachedEnd(processor) || now - position <= CLOSE;
        }, Long.MAX_VALUE, null);
    }

    /**
     * Waits until {@code done}, saying every {@link Timing#beat} that the rebuild is alive (and extending the claims
     * it holds for the switch).
     *
     * @param deadline when to stop waiting ({@link System#nanoTime()}): with {@code what}, a failure; without, the end
     */
    private void pollUntil(Rebuild rebuild, Stage stage, TokenStore switcher, BooleanSupplier done, long deadline,
                           String what) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                if (what == null) {
                    return;
                }
                throw new IllegalStateException("gave up " + what + " after " + timing.switchTimeout);
            }
            if (System.nanoTime() - rebuild.nextBeat >= 0) {
                beat(rebuild, stage, switcher);
            }
            LockSupport.parkNanos(POLL);
        }
    }

    /** Says the rebuild is alive, and extends the claims held for the switch. */
    private void beat(Rebuild rebuild, Stage stage, TokenStore switcher) {
        Claim next = rebuild.claim.beating(stage, position(rebuild.processor), clock.instant());
        if (!claims.beat(next)) {
            throw new IllegalStateException("the claim on the rebuild of " + next.projection() + " was taken over");
        }
        rebuild.claim = next;
        rebuild.nextBeat = System.nanoTime() + timing.beat.toNanos();
        for (int segment : rebuild.held.keySet()) {
            switcher.extendClaim(next.projection(), segment);
        }
    }

    /** The token of a processor's one segment; {@code null} before its first event. */
    private static TrackingToken tokenOf(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getTrackingToken)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Whether a token has handled every event the others have (none handled: {@code null}). */
    static boolean covers(TrackingToken rebuild, Collection<TrackingToken> live) {
        return live.stream().allMatch(stopped -> stopped == null || rebuild != null
                && WrappedToken.unwrapLowerBound(rebuild).covers(WrappedToken.unwrapLowerBound(stopped)));
    }

    private long head() {
        var head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static long position(StreamingEventProcessor processor) {
        return ProjectionCatchUp.positionOf(processor).orElse(0);
    }

    /**
     * The position of a rebuild under way: on this node, where its processor stands; on another, what its last
     * heartbeat said.
     */
    @Override
    public OptionalLong position(String projection) {
        Rebuild rebuild = running.get(projection);
        if (rebuild != null) {
            TrackingEventProcessor processor = rebuild.processor;
            return OptionalLong.of(processor == null ? 0 : position(processor));
        }
        Claim claim = claims.find(List.of(projection)).get(projection);
        return claim == null || claim.heartbeat().isBefore(clock.instant().minus(timing.staleAfter))
                ? OptionalLong.empty() : OptionalLong.of(claim.position());
    }
}
