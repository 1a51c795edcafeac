package nl.klantspiegel.adapter.persistence.benchmark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import nl.klantspiegel.adapter.persistence.eventstore.GapAwareMongoEventStorageEngine;
import nl.klantspiegel.application.aggregate.CheckedCachingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import nl.klantspiegel.application.assessment.AssessmentAggregate;
import nl.klantspiegel.application.assessment.CompleteAssessmentCommand;
import nl.klantspiegel.application.assessment.GiveAnswerCommand;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How the event store behaves as history grows, on the embedded database with its H2 file, as the product
 * runs it by default. Prints, does not assert:
 * <ol>
 *     <li>appends per second (single-event appends, each durable before it returns, as commands make them);</li>
 *     <li>p50/p99 of a command (start, answers, changed answers, completion: what respondents do) with 10,000
 *     and with 200,000 events in the store;</li>
 *     <li>the replay speed of a projection (an analyst's report counting bands and answers) over all events, per
 *     step of 20,000, from the tail and again after {@code resetTokens()}, with the replay flags counted and the
 *     stored token's size.</li>
 * </ol>
 * Run: {@code ./mvnw -pl adapters-persistence -am -Pbenchmark -DskipTests verify} (see docs/benchmarks.md).
 * Arguments (system
 * properties): {@code benchmark.events} (default 200000), {@code benchmark.dir} (default a fresh directory under
 * {@code target}; an existing one is filled further), {@code benchmark.batch} (the engine's batch size, default 500,
 * as the product), {@code benchmark.replay-only} (only the replays, over what {@code benchmark.dir} holds).
 */
public final class EventStoreBenchmark {

    private static final int SMALL_STORE = 10_000;
    private static final int STEP = 20_000;
    private static final int COMMAND_RESPONDENTS = 200;
    private static final int CLIENTS = 4;

    private final int targetEvents = Integer.getInteger("benchmark.events", 200_000);
    private final Random random = new Random(42);
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;
    private GapAwareMongoEventStorageEngine engine;
    private Configuration axon;
    private final Report report = new Report();

    public static void main(String[] args) throws Exception {
        new EventStoreBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        String configured = System.getProperty("benchmark.dir", "");
        Path directory = Path.of(configured.isBlank() ? "target/benchmark-" + System.currentTimeMillis() : configured);
        System.out.printf("Event store benchmark: embedded MongoDB wire server (mongo-java-server, H2 file) in %s%n",
                directory.toAbsolutePath());
        System.out.printf("Machine: %d cores, max heap %d MB, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1 << 20), System.getProperty("java.version"));
        server = EmbeddedMongo.start(directory);
        client = server.newClient("benchmark");
        database = client.getDatabase("benchmark");
        Serializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
        engine = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(server)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(Integer.getInteger("benchmark.batch", 500))
                .build();
        TokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "benchmark").build())
                .serializer(serializer)
                .build();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AssessmentAggregate.class)
                        .configureRepository(c -> CheckedCachingRepository.of(
                                EventSourcingRepository.builder(AssessmentAggregate.class)
                                        .parameterResolverFactory(c.parameterResolverFactory())
                                        .handlerDefinition(c.handlerDefinition(AssessmentAggregate.class)),
                                c.eventStore(), 10_000)))
                .eventProcessing(processing -> processing.registerTokenStore(c -> tokens))
                .buildConfiguration();
        axon.start();
        try {
            if (!Boolean.getBoolean("benchmark.replay-only")) {
                appends();
                fillTo(SMALL_STORE);
                commands(SMALL_STORE, false); // warms the JIT up, so the two measured rounds compare fairly
                commands(SMALL_STORE, true);
                fillTo(targetEvents);
                commands(targetEvents, true);
            }
            replays(tokens);
            report.print(this);
        } finally {
            axon.shutdown();
            client.close();
            server.close();
        }
    }

    // ----- 1. appends --------------------------------------------------------------------------------

    private void appends() throws Exception {
        for (int clients : new int[]{1, CLIENTS}) {
            int perClient = 1_000;
            long started = System.nanoTime();
            parallel(clients, client -> {
                for (int i = 0; i < perClient; i++) {
                    engine.appendEvents(singleAnswer("append-" + clients + "-" + client + "-" + i));
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            report.appends(clients, clients * perClient / seconds);
            System.out.printf("appends: %d client(s), %,d single-event appends, %.0f appends/s%n",
                    clients, clients * perClient, clients * perClient / seconds);
        }
    }

    private DomainEventMessage<?> singleAnswer(String aggregate) {
        return new GenericDomainEventMessage<>("AssessmentAggregate", aggregate, 0,
                new AnswerGiven(aggregate, 1 + random.nextInt(6), randomOption(), clock.instant()),
                MetaData.emptyInstance());
    }

    // ----- filling the store -------------------------------------------------------------------------

    /** Appends whole assessments (start, answers, changes, completion) until the store holds {@code events}. */
    private void fillTo(int events) throws Exception {
        AtomicLong stored = new AtomicLong(storedEvents());
        if (stored.get() >= events) {
            return;
        }
        long started = System.nanoTime();
        long before = stored.get();
        parallel(CLIENTS, client -> {
            Random own = new Random(client);
            while (stored.get() < events) {
                List<DomainEventMessage<?>> history = respondentHistory(
                        AssessmentId.newId().value(), own);
                engine.appendEvents(history);
                long now = stored.addAndGet(history.size());
                if (now / 50_000 != (now - history.size()) / 50_000) {
                    System.out.printf("  store holds %,d events%n", now);
                }
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("filled to %,d events: %,d events in %.1f s (%.0f events/s, appended per assessment)%n",
                stored.get(), stored.get() - before, seconds, (stored.get() - before) / seconds);
    }

    /** One respondent's events as the domain makes them: 6 answers, some changed, then completion. */
    private List<DomainEventMessage<?>> respondentHistory(String id, Random own) {
        List<AssessmentEvent> events = new ArrayList<>();
        AssessmentStarted started = Assessment.start(new AssessmentId(id), own.nextBoolean() ? Language.NL : Language.EN,
                clock.instant());
        events.add(started);
        Assessment state = Assessment.startedWith(started);
        int answers = 6 + own.nextInt(4);
        for (int i = 0; i < answers; i++) {
            for (AssessmentEvent event : state.answer(1 + (i % 6), randomKey(own), clock.instant())) {
                events.add(event);
                state = state.evolve(event);
            }
        }
        for (AssessmentEvent event : state.complete(clock.instant())) {
            events.add(event);
        }
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("AssessmentAggregate", id, sequence, events.get(sequence),
                    MetaData.emptyInstance()));
        }
        return messages;
    }

    private long storedEvents() {
        return database.getCollection("events").estimatedDocumentCount();
    }

    // ----- 2. commands -------------------------------------------------------------------------------

    /** Respondents taking the test through Axon's command bus: 10 commands each, latency of every command. */
    private void commands(int storeSize, boolean measured) throws Exception {
        CommandGateway commands = axon.commandGateway();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        parallel(CLIENTS, client -> {
            Random own = new Random(storeSize + client);
            int respondent;
            while ((respondent = next.incrementAndGet()) <= COMMAND_RESPONDENTS) {
                AssessmentId id = AssessmentId.newId();
                time(latencies, () -> commands.sendAndWait(new StartAssessmentCommand(id, Language.NL, clock.instant())));
                for (int question = 1; question <= 6; question++) {
                    int q = question;
                    time(latencies, () -> commands.sendAndWait(new GiveAnswerCommand(id.value(), q, randomKey(own),
                            clock.instant())));
                }
                for (int change = 0; change < 2; change++) {
                    int q = 1 + own.nextInt(6);
                    time(latencies, () -> commands.sendAndWait(new GiveAnswerCommand(id.value(), q, randomKey(own),
                            clock.instant())));
                }
                time(latencies, () -> commands.sendAndWait(new CompleteAssessmentCommand(id.value(), clock.instant())));
            }
        });
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = percentile(sorted, 50);
        double p99 = percentile(sorted, 99);
        if (!measured) {
            System.out.printf("warm-up: %,d commands%n", sorted.length);
            return;
        }
        report.commands(storeSize, p50, p99);
        System.out.printf("commands with %,d events in the store: %,d commands from %d clients, p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", storedEvents(), sorted.length, CLIENTS, p50, p99,
                sorted[sorted.length - 1] / 1e6);
    }

    private static void time(List<Long> latencies, Runnable command) {
        long started = System.nanoTime();
        command.run();
        latencies.add(System.nanoTime() - started);
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    // ----- 3. replays --------------------------------------------------------------------------------

    private void replays(TokenStore tokens) throws Exception {
        long total = storedEvents();
        database.getCollection("trackingtokens").deleteMany(new Document("processorName", "analyst-report"));
        BandReport projection = new BandReport(total);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("analyst-report")
                .eventHandlerInvoker(org.axonframework.eventhandling.SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection).build())
                .messageSource(axon.eventStore())
                .tokenStore(tokens)
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(1000)
                        .andInitialTrackingToken(source -> source.createTailToken()))
                .build();

        System.out.printf("%nreplay of a new projection from the first event, %,d events:%n", total);
        processor.start();
        projection.awaitAll(Duration.ofMinutes(30));
        report.replay("from the tail", projection.steps(), projection.eventsPerSecond());
        processor.shutDown();

        projection.reset();
        processor.resetTokens();
        System.out.printf("%nreplay after resetTokens(), %,d events:%n", total);
        processor.start();
        projection.awaitAll(Duration.ofMinutes(30));
        int tokenBytes = storedTokenBytes("analyst-report");
        report.replay("after resetTokens()", projection.steps(), projection.eventsPerSecond());
        report.flags(projection.replayed(), projection.live(), total, tokenBytes);
        processor.shutDown();
        System.out.printf("replayed events flagged as replay: %,d of %,d; handled as live: %,d; stored token %d bytes%n",
                projection.replayed(), total, projection.live(), tokenBytes);
        System.out.printf("%nbands over all completed assessments: %s%n", projection.bands());
    }

    private int storedTokenBytes(String processor) {
        Document stored = database.getCollection("trackingtokens").find(new Document("processorName", processor)).first();
        return stored == null ? -1 : RawBsonDocument.parse(stored.toJson()).getByteBuffer().remaining();
    }

    /** An analyst's report nobody planned: how many completed in each band, how often each option was chosen. */
    static final class BandReport {
        private final long expected;
        private long handled;
        private long replayed;
        private long live;
        private final long[] bands = new long[3];
        private final long[][] options = new long[7][3];
        private final List<double[]> steps = new ArrayList<>();
        private long stepStarted;
        private long started;
        private long finished;

        BandReport(long expected) {
            this.expected = expected;
        }

        /** Forgets everything, before the report is built again from the first event. */
        synchronized void reset() {
            handled = 0;
            replayed = 0;
            live = 0;
            Arrays.fill(bands, 0);
            Arrays.stream(options).forEach(row -> Arrays.fill(row, 0));
            steps.clear();
        }

        @EventHandler
        synchronized void on(AssessmentEvent event, ReplayStatus status) {
            long now = System.nanoTime();
            if (handled == 0) {
                started = now;
                stepStarted = now;
            }
            if (status.isReplay()) {
                replayed++;
            } else {
                live++;
            }
            if (event instanceof AssessmentCompleted completed) {
                bands[completed.band().ordinal()]++;
            } else if (event instanceof AnswerGiven given) {
                options[given.question()][given.option().ordinal()]++;
            }
            handled++;
            if (handled % STEP == 0 || handled == expected) {
                long stepEvents = handled % STEP == 0 ? STEP : handled % STEP;
                double perSecond = stepEvents / Math.max((now - stepStarted) / 1e9, 1e-9);
                steps.add(new double[]{handled, perSecond});
                System.out.printf("  %,9d events: %,8.0f events/s%n", handled, perSecond);
                stepStarted = now;
            }
            if (handled == expected) {
                finished = now;
                notifyAll();
            }
        }

        synchronized void awaitAll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (handled < expected && System.nanoTime() < deadline) {
                wait(1000);
            }
            if (handled < expected) {
                throw new IllegalStateException("replay did not finish: " + handled + " of " + expected);
            }
        }

        synchronized List<double[]> steps() {
            return List.copyOf(steps);
        }

        synchronized double eventsPerSecond() {
            return expected / ((finished - started) / 1e9);
        }

        synchronized long replayed() {
            return replayed;
        }

        synchronized long live() {
            return live;
        }

        synchronized String bands() {
            return "LOW " + bands[0] + ", AVERAGE " + bands[1] + ", HIGH " + bands[2];
        }
    }

    // ----- helpers -----------------------------------------------------------------------------------

    private interface ClientWork {
        void run(int client) throws Exception;
    }

    private static void parallel(int clients, ClientWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                work.run(client);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    private nl.klantspiegel.domain.instrument.Option randomOption() {
        return nl.klantspiegel.domain.instrument.Option.values()[random.nextInt(3)];
    }

    private static String randomKey(Random random) {
        return String.valueOf("abc".charAt(random.nextInt(3)));
    }

    /** Collects the figures and prints them against the targets at the end. */
    private static final class Report {
        private final List<String> lines = new ArrayList<>();
        private double p99Small;

        void appends(int clients, double perSecond) {
            lines.add(String.format("appends per second, %d client(s): %,.0f", clients, perSecond));
        }

        void commands(int storeSize, double p50, double p99) {
            if (storeSize == SMALL_STORE) {
                p99Small = p99;
                lines.add(String.format("command latency at %,d events: p50 %.1f ms, p99 %.1f ms", storeSize, p50, p99));
            } else {
                lines.add(String.format("command latency at %,d events: p50 %.1f ms, p99 %.1f ms "
                        + "(p99 is %.2fx the p99 at %,d; target <= 1.5x)", storeSize, p50, p99, p99 / p99Small,
                        SMALL_STORE));
            }
        }

        void replay(String name, List<double[]> steps, double perSecond) {
            double slowest = steps.stream().limit(steps.size() - 1L).mapToDouble(step -> step[1]).min().orElse(0);
            double fastest = steps.stream().limit(steps.size() - 1L).mapToDouble(step -> step[1]).max().orElse(0);
            lines.add(String.format("replay %s: %,.0f events/s overall (target >= 20,000); steps of %,d from "
                    + "%,.0f to %,.0f events/s", name, perSecond, STEP, slowest, fastest));
        }

        void flags(long replayed, long live, long total, int tokenBytes) {
            lines.add(String.format("replay flags: %,d of %,d flagged, %,d live; stored token %d bytes",
                    replayed, total, live, tokenBytes));
        }

        void print(EventStoreBenchmark benchmark) throws IOException {
            lines.add(String.format("data file: %,d MB for %,d events",
                    Files.size(benchmark.server.file()) / (1 << 20), benchmark.storedEvents()));
            System.out.println();
            System.out.println("==== summary ====");
            lines.forEach(System.out::println);
        }
    }
}
