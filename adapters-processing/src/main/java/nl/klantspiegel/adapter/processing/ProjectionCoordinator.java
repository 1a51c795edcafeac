package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.Nodes.Node;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReadModelVersions.Retired;
import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.port.out.RebuildClaims.Claim;
import nl.klantspiegel.application.port.out.RebuildClaims.Stage;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.port.out.SharedTokens.StoredSegment;
import nl.klantspiegel.application.projection.ActiveReadModel;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.projection.RebuildableProjection;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every node does for the projections they share, at every {@link #tick()} (about four times a second):
 * <ul>
 *   <li>obeys a rebuild that is switching ({@link RebuildClaims.Stage#SWITCHING}, with a recent heartbeat, on a node
 *   that has not stopped beating): this
 *   node's live processor of that projection releases its segments and leaves them alone until the switch is over
 *   (then claims them again at once, if they are free);</li>
 *   <li>every {@link Settings#beat}: reads which versions answer ({@link ActiveVersions#refresh}) and says it is alive
 *   and which versions it answers from ({@link Nodes#beat}); frees the claims of nodes that stopped beating for the
 *   node timeout, and of their rebuilds' switchers ({@link SharedTokens#free}), so that the live nodes' processors take them over at their next claim
 *   interval instead of after the claim timeout (a node killed while holding the audit trail would otherwise leave it
 *   standing still for the claim timeout and more);</li>
 *   <li>every {@link Settings#balanceEvery}: hands segments over when it holds more than its share
 *   ({@link SegmentBalance}), or first splits a segment of a processor that has fewer than it should (an installation
 *   from before it was split) once it holds all of them; gives up rebuilds whose node stopped beating; drops retired versions of read models once
 *   {@link Settings#dropAfter} has passed and no node alive answers from them; forgets nodes long gone.</li>
 * </ul>
 * Each step that fails (the database away for a moment) is logged and tried again at its next turn.
 */
public final class ProjectionCoordinator {

    private static final System.Logger LOG = System.getLogger(ProjectionCoordinator.class.getName());

    /**
     * @param beat          how often this node says it is alive (and reads which versions answer)
     * @param nodeTimeout   after how long without a heartbeat a node no longer counts (less than the claim timeout: its
     *                      claims are freed before they run out)
     * @param claimTimeout  the token store's claim timeout: a claim not extended for this long is free
     * @param balanceEvery  how often the segments are balanced and retired versions dropped
     * @param releaseFor    how long a released segment is left alone by this node (more than a claim interval)
     * @param staleAfter    after how long without a heartbeat a rebuild counts as dead (more than the claim timeout: the
     *                      segments it held for a switch are free by then)
     * @param dropAfter     how long a retired version is kept at least (well beyond the switch bound)
     * @param forgetAfter   after how long without a heartbeat a node is forgotten
     */
    public record Settings(Duration beat, Duration nodeTimeout, Duration claimTimeout, Duration balanceEvery,
                           Duration releaseFor, Duration staleAfter, Duration dropAfter, Duration forgetAfter) {
        public Settings {
            Objects.requireNonNull(beat, "beat");
            Objects.requireNonNull(nodeTimeout, "nodeTimeout");
            Objects.requireNonNull(claimTimeout, "claimTimeout");
            Objects.requireNonNull(balanceEvery, "balanceEvery");
            Objects.requireNonNull(releaseFor, "releaseFor");
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(dropAfter, "dropAfter");
            Objects.requireNonNull(forgetAfter, "forgetAfter");
            if (nodeTimeout.compareTo(claimTimeout) >= 0 || staleAfter.compareTo(claimTimeout) <= 0) {
                throw new IllegalArgumentException("klantspiegel.projections: the node timeout (" + nodeTimeout
                        + ") must be below the claim timeout (" + claimTimeout + ") and the rebuild timeout ("
                        + staleAfter + ") above it");
            }
        }
    }

    private final Nodes nodes;
    private final SharedTokens tokens;
    private final RebuildClaims claims;
    private final ReadModelVersions versions;
    private final ActiveVersions active;
    private final Map<String, RebuildableProjection> projections = new TreeMap<>();
    private final Supplier<Map<String, StreamingEventProcessor>> processors;
    private final Map<String, Integer> segments;
    private final Clock clock;
    private final Settings settings;
    /** The segments this node left alone for a switch, by processor. */
    private final Map<String, int[]> paused = new HashMap<>();
    private Instant nextBeat = Instant.MIN;
    private Instant nextBalance = Instant.MIN;

    /**
     * @param processors this node's live processors, by name
     * @param segments   how many segments a processor should have, by name (those not named: as many as it has)
     */
    public ProjectionCoordinator(Nodes nodes, SharedTokens tokens, RebuildClaims claims, ReadModelVersions versions,
                                 ActiveVersions active, Collection<RebuildableProjection> projections,
                                 Supplier<Map<String, StreamingEventProcessor>> processors,
                                 Map<String, Integer> segments, Clock clock, Settings settings) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.active = Objects.requireNonNull(active, "active");
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.processors = Objects.requireNonNull(processors, "processors");
        this.segments = Map.copyOf(segments);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One turn; call it often (about every 250 ms) from one thread. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Map<String, StreamingEventProcessor> local = processors.get();
        step("obeying switches", () -> obeySwitches(local, now));
        if (!now.isBefore(nextBeat)) {
            nextBeat = now.plus(settings.beat);
            step("saying this node is alive", () -> {
                active.refresh(projections.keySet());
                nodes.beat(active.answering(), now);
            });
            step("taking over the segments of stopped nodes", () -> takeOver(local, now));
        }
        if (!now.isBefore(nextBalance)) {
            nextBalance = now.plus(settings.balanceEvery);
            step("balancing the segments", () -> balance(local, now));
            step("giving up stopped rebuilds", () -> giveUpStopped(now));
            step("dropping retired versions", () -> dropRetired(now));
            step("forgetting stopped nodes", () -> forgetStopped(now));
        }
    }

    /** This node stops: it no longer counts, so no segment is handed over to it. */
    public void leave() {
        nodes.leave();
    }

    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.WARNING, "Projections: " + what + " failed; tried again later", failed);
        }
    }

    /**
     * A switch is obeyed while its rebuild beats (within the rebuild timeout) and its node has not stopped beating: a
     * node killed while it switched would otherwise keep every node's live processor off the projection until its
     * rebuild is given up.
     */
    private void obeySwitches(Map<String, StreamingEventProcessor> local, Instant now) {
        Map<String, Claim> found = claims.find(local.keySet());
        Instant staleBefore = now.minus(settings.staleAfter);
        Set<String> stopped = found.values().stream().anyMatch(claim -> claim.stage() == Stage.SWITCHING)
                ? stopped(now) : Set.of();
        local.forEach((name, processor) -> {
            Claim claim = found.get(name);
            if (claim != null && claim.stage() == Stage.SWITCHING && !claim.heartbeat().isBefore(staleBefore)
                    && !stopped.contains(claim.owner())) {
                int[] ids = tokens.segments(name).keySet().stream().mapToInt(Integer::intValue).toArray();
                for (int segment : ids) {
                    processor.releaseSegment(segment, settings.releaseFor.toMillis(), TimeUnit.MILLISECONDS);
                }
                paused.put(name, ids);
            } else {
                int[] ids = paused.remove(name);
                if (ids != null) {
                    for (int segment : ids) {
                        processor.claimSegment(segment);
                    }
                }
            }
        });
    }

    /**
     * Frees the still valid claims on this node's live processors held by nodes known to have stopped beating, or by
     * the switcher of such a node's rebuild (its rebuild died with it); not by other claimants, nor by nodes never
     * seen.
     */
    private void takeOver(Map<String, StreamingEventProcessor> local, Instant now) {
        Set<String> stopped = new HashSet<>();
        stopped(now).forEach(node -> {
            stopped.add(node);
            stopped.add(ProjectionRebuilds.switcher(node));
        });
        if (stopped.isEmpty()) {
            return;
        }
        tokens.all().forEach((processor, stored) -> {
            if (local.containsKey(processor)) {
                stored.forEach((segment, state) -> {
                    if (stopped.contains(state.owner()) && tokens.free(processor, segment, state.owner(), state.claimedAt())) {
                        LOG.log(System.Logger.Level.INFO, "Segment {0} of {1} freed: its node {2} stopped beating",
                                segment, processor, state.owner());
                    }
                });
            }
        });
    }

    /** The nodes known to have stopped beating: silent for the node timeout (never this node). */
    private Set<String> stopped(Instant now) {
        Set<String> alive = alive(now);
        Set<String> stopped = new HashSet<>();
        nodes.all().stream().map(Node::id).filter(id -> !alive.contains(id)).forEach(stopped::add);
        return stopped;
    }

    private Set<String> alive(Instant now) {
        Set<String> alive = new HashSet<>();
        Instant since = now.minus(settings.nodeTimeout);
        nodes.all().stream().filter(node -> !node.heartbeat().isBefore(since)).forEach(node -> alive.add(node.id()));
        alive.add(nodes.self());
        return alive;
    }

    private void balance(Map<String, StreamingEventProcessor> local, Instant now) {
        Map<String, Map<Integer, StoredSegment>> stored = tokens.all();
        Instant claimedSince = now.minus(settings.claimTimeout);
        Map<String, Map<Integer, String>> owners = new TreeMap<>();
        for (String name : local.keySet()) {
            Map<Integer, String> segments = new TreeMap<>();
            stored.getOrDefault(name, Map.of()).forEach((segment, state) -> segments.put(segment,
                    state.owner() != null && !state.claimedAt().isBefore(claimedSince) ? state.owner() : null));
            owners.put(name, segments);
        }
        if (split(local, owners)) {
            return;
        }
        for (SegmentBalance.Segment segment : SegmentBalance.handOver(owners, nodes.self(), alive(now))) {
            LOG.log(System.Logger.Level.INFO, "Handing segment {0} of {1} over to another node", segment.segment(),
                    segment.processor());
            local.get(segment.processor()).releaseSegment(segment.segment(), settings.releaseFor.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Splits a segment of a processor that has fewer segments than it should (its tokens were made when it had
     * fewer), once this node holds all of them: the one covering most events. One split per turn.
     */
    private boolean split(Map<String, StreamingEventProcessor> local, Map<String, Map<Integer, String>> owners) {
        for (var wanted : segments.entrySet()) {
            Map<Integer, String> stored = owners.getOrDefault(wanted.getKey(), Map.of());
            StreamingEventProcessor processor = local.get(wanted.getKey());
            if (processor != null && !stored.isEmpty() && stored.size() < wanted.getValue()
                    && stored.values().stream().allMatch(nodes.self()::equals)) {
                Optional<Segment> widest = processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getSegment)
                        .min(Comparator.comparingInt(Segment::getMask).thenComparingInt(Segment::getSegmentId));
                if (widest.isPresent()) {
                    LOG.log(System.Logger.Level.INFO, "Splitting segment {0} of {1}: {2} of {3} segments",
                            widest.get().getSegmentId(), wanted.getKey(), stored.size(), wanted.getValue());
                    processor.splitSegment(widest.get().getSegmentId());
                    return true;
                }
            }
        }
        return false;
    }

    private void giveUpStopped(Instant now) {
        Instant staleBefore = now.minus(settings.staleAfter);
        for (Claim claim : claims.find(projections.keySet()).values()) {
            if (claim.heartbeat().isBefore(staleBefore)) {
                ProjectionRebuilds.giveUp(versions, claim, now);
                claims.release(claim);
            }
        }
    }

    /**
     * Drops a retired version once it has been retired for {@link Settings#dropAfter}, no node alive answers from it
     * (this one included: it always knows the answering version of every projection, which is therefore never
     * dropped) and its rebuilding processor's position can be removed (its claim has run out).
     */
    private void dropRetired(Instant now) {
        Map<String, Set<Integer>> answered = new LinkedHashMap<>();
        Instant since = now.minus(settings.nodeTimeout);
        nodes.all().stream().filter(node -> !node.heartbeat().isBefore(since)).forEach(node ->
                node.answering().forEach((projection, version) ->
                        answered.computeIfAbsent(projection, key -> new HashSet<>()).add(version)));
        active.answering().forEach((projection, version) ->
                answered.computeIfAbsent(projection, key -> new HashSet<>()).add(version));
        for (Retired retired : versions.retired(projections.keySet())) {
            RebuildableProjection projection = projections.get(retired.projection());
            if (retired.at().plus(settings.dropAfter).isAfter(now)
                    || answered.getOrDefault(retired.projection(), Set.of()).contains(retired.version())) {
                continue;
            }
            try {
                ProjectionRebuilds.forget(tokens.claimant(ProjectionRebuilds.switcher(nodes.self())),
                        ProjectionRebuilds.processorName(retired.projection(), retired.version()));
            } catch (UnableToClaimTokenException stillClaimed) {
                continue;
            }
            for (ActiveReadModel<?> store : projection.stores()) {
                versions.drop(store.type(), retired.version());
            }
            versions.forget(retired);
            LOG.log(System.Logger.Level.INFO, "Version {0} of {1} dropped", retired.version(), retired.projection());
        }
    }

    private void forgetStopped(Instant now) {
        Instant before = now.minus(settings.forgetAfter);
        nodes.all().stream().filter(node -> node.heartbeat().isBefore(before))
                .forEach(node -> nodes.forget(node.id()));
    }
}
