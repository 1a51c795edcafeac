package nl.klantspiegel.application.violation;

import org.axonframework.eventhandling.StreamingEventProcessor;

/** Deliberately wrong: a use case asking Axon's processor itself whether a projection has caught up. */
public class ApplicationDrivingAProcessor {
    boolean caughtUp(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp());
    }
}
