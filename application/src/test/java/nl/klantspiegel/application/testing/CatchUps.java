package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.projection.ProjectionCatchUp;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Projection catch-ups for the tests: one with nothing to catch up, and one where only some have caught up. */
public final class CatchUps {

    private static final long HEAD = 41;

    private CatchUps() {
    }

    /** Nothing was stored at start: every projection has caught up. */
    public static ProjectionCatchUp caughtUp() {
        return new ProjectionCatchUp(OptionalLong.empty(), projection -> Optional.empty());
    }

    /** Events were stored at start; only these projections (processing groups) have caught up with them. */
    public static ProjectionCatchUp onlyCaughtUp(String... projections) {
        Set<String> done = Set.of(projections);
        return new ProjectionCatchUp(OptionalLong.of(HEAD), projection -> done.contains(projection)
                ? Optional.of(processorAt(HEAD)) : Optional.of(processorAt(HEAD - 1)));
    }

    private static StreamingEventProcessor processorAt(long position) {
        EventTrackerStatus segment = (EventTrackerStatus) Proxy.newProxyInstance(
                EventTrackerStatus.class.getClassLoader(), new Class<?>[]{EventTrackerStatus.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isCaughtUp" -> true;
                    case "getCurrentPosition" -> OptionalLong.of(position);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (StreamingEventProcessor) Proxy.newProxyInstance(StreamingEventProcessor.class.getClassLoader(),
                new Class<?>[]{StreamingEventProcessor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("processingStatus")) {
                        return Map.of(0, segment);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
