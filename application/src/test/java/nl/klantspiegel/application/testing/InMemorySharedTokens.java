package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.SharedTokens;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A token store in memory shared by several claimants (nodes), with the claim rules of axon-mongo's token store: a
 * segment can be claimed by its owner, when nobody holds it, or when its claim was last taken or extended longer than
 * the claim timeout ago; only the owner stores, extends, releases or deletes it. {@link #store(String)} is a node's
 * token store, for its processors.
 */
public class InMemorySharedTokens implements SharedTokens {

    private final Map<String, Map<Integer, StoredSegment>> segments = new TreeMap<>();
    private final Set<Long> written = new HashSet<>();
    private final Duration claimTimeout;
    private volatile Clock clock;
    private int reads;

    public InMemorySharedTokens(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
        this.clock = Clock.systemUTC();
    }

    public InMemorySharedTokens() {
        this(Duration.ofSeconds(10));
    }

    /** Claims are dated and run out by this clock from now on. */
    public InMemorySharedTokens clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Stores a segment as a node would have left it. */
    public synchronized InMemorySharedTokens put(String processor, int segment, TrackingToken token, String owner) {
        segments.computeIfAbsent(processor, name -> new TreeMap<>())
                .put(segment, new StoredSegment(token, owner, clock.instant()));
        return this;
    }

    /** These event positions hold an event. */
    public synchronized InMemorySharedTokens written(Long... positions) {
        written.addAll(Set.of(positions));
        return this;
    }

    /** How often a processor's segments, or all, were read. */
    public synchronized int reads() {
        return reads;
    }

    /** Who holds a segment's claim now ({@code null}: nobody, or it ran out). */
    public synchronized String owner(String processor, int segment) {
        StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
        return stored == null || stored.owner() == null || expired(stored) ? null : stored.owner();
    }

    @Override
    public Duration claimTimeout() {
        return claimTimeout;
    }

    @Override
    public synchronized Map<Integer, StoredSegment> segments(String processor) {
        reads++;
        return Collections.unmodifiableMap(new TreeMap<>(segments.getOrDefault(processor, Map.of())));
    }

    @Override
    public synchronized Map<String, Map<Integer, StoredSegment>> all() {
        reads++;
        Map<String, Map<Integer, StoredSegment>> all = new TreeMap<>();
        segments.forEach((processor, stored) -> all.put(processor, Collections.unmodifiableMap(new TreeMap<>(stored))));
        return all;
    }

    @Override
    public synchronized Set<Long> written(Collection<Long> positions) {
        Set<Long> found = new HashSet<>(positions);
        found.retainAll(written);
        return found;
    }

    @Override
    public synchronized boolean free(String processor, int segment, String owner, Instant claimedAt) {
        StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
        if (stored == null || !owner.equals(stored.owner()) || !stored.claimedAt().equals(claimedAt)) {
            return false;
        }
        segments.get(processor).put(segment, new StoredSegment(stored.token(), null, stored.claimedAt()));
        return true;
    }

    @Override
    public TokenStore claimant(String owner) {
        return store(owner);
    }

    /** The token store as node {@code owner} uses it. */
    public TokenStore store(String owner) {
        return new Claimant(Objects.requireNonNull(owner, "owner"));
    }

    private boolean expired(StoredSegment stored) {
        return stored.claimedAt().isBefore(clock.instant().minus(claimTimeout));
    }

    private final class Claimant implements TokenStore {

        private final String owner;

        private Claimant(String owner) {
            this.owner = owner;
        }

        private StoredSegment claimable(String processor, int segment) {
            StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
            if (stored == null) {
                throw new UnableToClaimTokenException(processor + "[" + segment + "] has not been initialized");
            }
            if (stored.owner() != null && !stored.owner().equals(owner) && !expired(stored)) {
                throw new UnableToClaimTokenException(processor + "[" + segment + "] is owned by " + stored.owner());
            }
            return stored;
        }

        private void set(String processor, int segment, TrackingToken token, String by) {
            segments.computeIfAbsent(processor, name -> new TreeMap<>())
                    .put(segment, new StoredSegment(token, by, clock.instant()));
        }

        @Override
        public void initializeTokenSegments(String processor, int count, TrackingToken initial) {
            synchronized (InMemorySharedTokens.this) {
                if (!segments.getOrDefault(processor, Map.of()).isEmpty()) {
                    throw new UnableToClaimTokenException("Some tokens were already present for " + processor);
                }
                for (int segment = 0; segment < count; segment++) {
                    set(processor, segment, initial, null);
                }
            }
        }

        @Override
        public void initializeTokenSegments(String processor, int count) {
            initializeTokenSegments(processor, count, null);
        }

        @Override
        public void initializeSegment(TrackingToken token, String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                if (segments.getOrDefault(processor, Map.of()).containsKey(segment)) {
                    throw new UnableToInitializeTokenException(processor + "[" + segment + "] exists");
                }
                set(processor, segment, token, null);
            }
        }

        @Override
        public void storeToken(TrackingToken token, String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                claimable(processor, segment);
                set(processor, segment, token, owner);
            }
        }

        @Override
        public TrackingToken fetchToken(String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                TrackingToken token = claimable(processor, segment).token();
                set(processor, segment, token, owner);
                return token;
            }
        }

        @Override
        public void extendClaim(String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
                if (stored == null || !owner.equals(stored.owner())) {
                    throw new UnableToClaimTokenException(processor + "[" + segment + "] is not " + owner + "'s");
                }
                set(processor, segment, stored.token(), owner);
            }
        }

        @Override
        public void releaseClaim(String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
                if (stored != null && owner.equals(stored.owner())) {
                    segments.get(processor).put(segment, new StoredSegment(stored.token(), null, stored.claimedAt()));
                }
            }
        }

        @Override
        public void deleteToken(String processor, int segment) {
            synchronized (InMemorySharedTokens.this) {
                StoredSegment stored = segments.getOrDefault(processor, Map.of()).get(segment);
                if (stored == null || !owner.equals(stored.owner())) {
                    throw new UnableToClaimTokenException("Unable to remove " + processor + "[" + segment + "]");
                }
                segments.get(processor).remove(segment);
            }
        }

        @Override
        public boolean requiresExplicitSegmentInitialization() {
            return true;
        }

        @Override
        public int[] fetchSegments(String processor) {
            synchronized (InMemorySharedTokens.this) {
                return segments.getOrDefault(processor, Map.of()).keySet().stream().mapToInt(Integer::intValue)
                        .toArray();
            }
        }
    }

    /** When a segment's claim was last taken or extended. */
    public synchronized Instant claimedAt(String processor, int segment) {
        return segments.get(processor).get(segment).claimedAt();
    }
}
