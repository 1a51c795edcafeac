package nl.klantspiegel.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.boot.KlantspiegelApplication;
import nl.klantspiegel.boot.LocalCluster;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a data directory with assessment histories before the packaged product starts on it, fast: the product itself
 * (its Spring application, with its own event storage engine, serializer and aggregate index) runs in this JVM on that
 * directory, and the histories are appended straight to its event store in large batches (one unit of work, one
 * durable commit each) as the assessment aggregate's own events, made by the domain ({@link Assessment}) as the
 * aggregate would make them: far faster than commands or HTTP (it prints its rate: about 500 events/s on a busy
 * 2-core machine, so some 7 minutes for 200,000 events there). The projections are then let catch up, and the
 * application is closed, so the product starts on the store as after a restart.
 *
 * <p>The histories are public assessments (as the benchmark's respondents make them): each starts, answers the six
 * questions, changes one answer in about one of eight questions, and completes in 19 of 20, over the past year.
 */
final class StoreFiller {

    /** What was filled, and how long each part took. */
    record Filled(long events, int assessments, double startSeconds, double appendSeconds, double catchUpSeconds,
                  double closeSeconds) {
    }

    private final Path directory;
    private final long targetEvents;
    private final int batchEvents;
    private final int threads;

    StoreFiller(Path directory, long targetEvents, int batchEvents, int threads) {
        this.directory = directory;
        this.targetEvents = targetEvents;
        this.batchEvents = batchEvents;
        this.threads = threads;
    }

    Filled fill() throws Exception {
        long begin = System.nanoTime();
        System.setProperty("disable-axoniq-console-message", "true");
        ConfigurableApplicationContext context = new SpringApplication(KlantspiegelApplication.class).run(
                "--klantspiegel.data-dir=" + directory,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--klantspiegel.demo=false",
                "--klantspiegel.operator.email=" + LocalCluster.OPERATOR_EMAIL,
                "--klantspiegel.operator.password=" + LocalCluster.OPERATOR_PASSWORD,
                "--logging.level.root=ERROR");
        double startSeconds = (System.nanoTime() - begin) / 1e9;
        long appendBegin;
        long catchUpBegin;
        AtomicLong appended = new AtomicLong();
        int[] assessments = new int[threads];
        try {
            EventStore eventStore = context.getBean(EventStore.class);
            EventProcessingConfiguration processing = context.getBean(org.axonframework.config.Configuration.class)
                    .eventProcessingConfiguration();
            MongoCollection<Document> events = context.getBean(MongoDatabaseFactory.class).getMongoDatabase()
                    .getCollection("events");
            // one assessment through the real command, to store the appended ones under the same aggregate type
            AssessmentId probe = AssessmentId.newId();
            context.getBean(CommandGateway.class).sendAndWait(new StartAssessmentCommand(probe, Language.NL,
                    Instant.now()));
            Document stored = events.find(Filters.eq("aggregateIdentifier", probe.value())).first();
            String aggregateType = stored == null ? "AssessmentAggregate" : stored.getString("aggregateType");

            appendBegin = System.nanoTime();
            AtomicLong claimed = new AtomicLong(head(eventStore));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    Random random = new Random(2026L + thread);
                    Instant now = Instant.now();
                    List<DomainEventMessage<?>> batch = new ArrayList<>();
                    while (true) {
                        List<AssessmentEvent> history = history(random, now);
                        if (claimed.addAndGet(history.size()) > targetEvents) {
                            break;
                        }
                        String id = history.get(0).assessmentId();
                        for (int sequence = 0; sequence < history.size(); sequence++) {
                            batch.add(new GenericDomainEventMessage<>(aggregateType, id, sequence,
                                    history.get(sequence), MetaData.emptyInstance()));
                        }
                        assessments[thread]++;
                        if (batch.size() >= batchEvents) {
                            append(eventStore, batch, appended);
                            batch = new ArrayList<>();
                        }
                    }
                    append(eventStore, batch, appended);
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            pool.shutdown();
            catchUpBegin = System.nanoTime();
            awaitProjections(eventStore, processing, Duration.ofMinutes(60));
        } catch (Exception failed) {
            context.close();
            throw failed;
        }
        long closeBegin = System.nanoTime();
        long events = head(context.getBean(EventStore.class));
        context.close();
        long end = System.nanoTime();
        int total = 0;
        for (int count : assessments) {
            total += count;
        }
        return new Filled(events, total, startSeconds, (catchUpBegin - appendBegin) / 1e9,
                (closeBegin - catchUpBegin) / 1e9, (end - closeBegin) / 1e9);
    }

    private static void append(EventStore eventStore, List<DomainEventMessage<?>> batch, AtomicLong appended) {
        if (batch.isEmpty()) {
            return;
        }
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(batch));
        long now = appended.addAndGet(batch.size());
        if (now / 50_000 != (now - batch.size()) / 50_000) {
            System.out.printf("    appended %,d events%n", now);
        }
    }

    /** One public assessment as the aggregate would record it. */
    private static List<AssessmentEvent> history(Random random, Instant now) {
        List<AssessmentEvent> history = new ArrayList<>();
        Instant moment = now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
        AssessmentStarted started = Assessment.start(AssessmentId.newId(),
                random.nextInt(5) == 0 ? Language.EN : Language.NL, moment);
        history.add(started);
        Assessment state = Assessment.startedWith(started);
        for (int question = 1; question <= RespondentLoad.ANSWERS_PER_ASSESSMENT; question++) {
            int changes = random.nextInt(8) == 0 ? 2 : 1;
            for (int time = 0; time < changes; time++) {
                moment = moment.plusSeconds(5 + random.nextInt(90));
                for (AssessmentEvent event : state.answer(question, String.valueOf("abc".charAt(random.nextInt(3))),
                        moment)) {
                    history.add(event);
                    state = state.evolve(event);
                }
            }
        }
        if (random.nextInt(20) != 0) {
            history.addAll(state.complete(moment.plusSeconds(10)));
        }
        return history;
    }

    private static long head(EventStore eventStore) {
        var token = eventStore.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    /** Until every streaming processor has processed every event stored now. */
    private static void awaitProjections(EventStore eventStore, EventProcessingConfiguration processing,
                                         Duration timeout) throws InterruptedException {
        long head = head(eventStore);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
                if (entry.getValue() instanceof StreamingEventProcessor processor) {
                    Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                    all &= !status.isEmpty() && status.values().stream().allMatch(segment -> segment.isCaughtUp()
                            && segment.getCurrentPosition().orElse(-1) >= head);
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not catch up with " + head + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
