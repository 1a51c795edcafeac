package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReportFactsVersions;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rebuilds the reports' facts while the product keeps serving — blue/green: a new version of the facts (its own
 * collections) is filled from the first event by a processor of its own, beside the version that answers and keeps
 * answering. Once the new one has caught up, the live processor stops, the new one finishes up to where the live one
 * stopped, the product switches to the new version (also for after a restart), the live processor starts again on
 * it from where it stopped (what the new one already holds is written again, alike), and the old version is dropped.
 * Answers given during the rebuild are in it: the new processor reads the log to its end.
 */
public final class ReportRebuilds implements RebuildProjectionUseCase {

    private static final long POLL = Duration.ofMillis(50).toNanos();

    private final ReportFactsVersions versions;
    private final SwitchableReportFacts answering;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final Supplier<Collection<String>> names;
    private final Executor follower;
    private final AtomicReference<TrackingEventProcessor> running = new AtomicReference<>();

    public ReportRebuilds(ReportFactsVersions versions, SwitchableReportFacts answering,
                          StreamableMessageSource<TrackedEventMessage<?>> events, TokenStore tokens,
                          Function<String, Optional<StreamingEventProcessor>> processors,
                          Supplier<Collection<String>> names, Executor follower) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.answering = Objects.requireNonNull(answering, "answering");
        this.events = Objects.requireNonNull(events, "events");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.processors = Objects.requireNonNull(processors, "processors");
        this.names = Objects.requireNonNull(names, "names");
        this.follower = Objects.requireNonNull(follower, "follower");
    }

    @Override
    public void rebuild(Caller caller, String projection) {
        if (!caller.operator()) {
            throw new AccessDenied("Only the operator rebuilds projections.");
        }
        if (projection == null || !names.get().contains(projection)) {
            throw new NotFound("Projection " + projection);
        }
        if (!ReportProjection.PROCESSING_GROUP.equals(projection)) {
            throw new RebuildRefused("Only 'reports' is rebuilt while the product serves; stop the installation and "
                    + "run `java -jar klantspiegel-exec.jar rebuild " + projection + "` for '" + projection + "'.");
        }
        int old = versions.active();
        int version = old + 1;
        ReportFacts fresh = versions.version(version);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(projection + "@v" + version + "-" + System.currentTimeMillis())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new ReportProjection(fresh)).build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100).andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        if (!running.compareAndSet(null, processor)) {
            throw new RebuildRefused("The reports are being rebuilt already; see GET /api/projections.");
        }
        try {
            fresh.clear(); // what a rebuild that broke off may have left
            processor.start();
            follower.execute(() -> follow(projection, processor, fresh, old, version));
        } catch (RuntimeException failed) {
            processor.shutDown();
            running.set(null);
            throw failed;
        }
    }

    private void follow(String projection, TrackingEventProcessor rebuild, ReportFacts fresh, int old, int version) {
        try {
            awaitCaughtUp(rebuild, Long.MIN_VALUE);
            StreamingEventProcessor live = processors.apply(projection).orElseThrow();
            live.shutDown();
            long stoppedAt = position(live);
            awaitCaughtUp(rebuild, stoppedAt);
            rebuild.shutDown();
            answering.switchTo(fresh);
            versions.activate(version);
            live.start();
            versions.drop(old);
        } finally {
            running.set(null);
        }
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor, long atLeast) {
        while (!(ProjectionCatchUp.reachedEnd(processor) && position(processor) >= atLeast)) {
            LockSupport.parkNanos(POLL);
        }
    }

    private static long position(StreamingEventProcessor processor) {
        return ProjectionCatchUp.positionOf(processor).orElse(0);
    }

    @Override
    public OptionalLong rebuildPosition(String projection) {
        TrackingEventProcessor processor = running.get();
        if (processor == null || !ReportProjection.PROCESSING_GROUP.equals(projection)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(position(processor));
    }
}
