package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.projection.ProjectionCatchUp;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;

/** Projection catch-ups for the tests: one with nothing to catch up, and one where only some have caught up. */
public final class CatchUps {

    private static final long HEAD = 41;

    private CatchUps() {
    }

    /** Nothing was stored at start: every projection has caught up. */
    public static ProjectionCatchUp caughtUp() {
        return new ProjectionCatchUp(null, new InMemorySharedTokens());
    }

    /** Events were stored at start; only these projections (processing groups) have caught up with them. */
    public static ProjectionCatchUp onlyCaughtUp(String... projections) {
        InMemorySharedTokens tokens = new InMemorySharedTokens() {
            @Override
            public synchronized java.util.Map<Integer, StoredSegment> segments(String processor) {
                boolean done = java.util.List.of(projections).contains(processor);
                return java.util.Map.of(0, new StoredSegment(new GlobalSequenceTrackingToken(done ? HEAD : HEAD - 1),
                        "another node", java.time.Instant.now()));
            }
        };
        return new ProjectionCatchUp(new GlobalSequenceTrackingToken(HEAD), tokens);
    }
}
