package nl.klantspiegel.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's raw ceiling for durable writes, in this JVM: the product's embedded database ({@link EmbeddedMongo}, the
 * same H2 file store, the same group commit) started on a fresh directory, a client through its in-JVM transport as the
 * product's own, and writer threads that each insert one event-like document (about 600 bytes of BSON, with the
 * product's two unique indexes on the collection) and then wait for it to be on disk ({@code awaitDurable()}), as the
 * product does before it acknowledges an answer. Nothing else: no position counter, no aggregate index, no Axon, no
 * HTTP. Whatever the product does per answer beyond this one durable insert is what the ratio product/raw shows.
 */
final class RawCeiling {

    /** The figures of one number of writers. */
    record Figures(int threads, double insertsPerSecond, double p50Millis, double p99Millis, long inserts,
                   long commits, double commitMillisPerInsert, double commitCpuMillisPerInsert,
                   Double cpuMillisPerInsert) {
    }

    private final Path directory;
    private EmbeddedMongo store;
    private MongoClient client;
    private MongoCollection<Document> events;
    private final AtomicLong position = new AtomicLong();
    private final String padding;
    private int documentBytes;

    RawCeiling(Path directory) {
        this.directory = directory;
        this.padding = "x".repeat(Math.max(0, 600 - size(event(0)))); // measured with an empty padding
        this.documentBytes = size(event(0));
    }

    int documentBytes() {
        return documentBytes;
    }

    void open() {
        store = EmbeddedMongo.start(directory);
        client = store.newClient("klantspiegel");
        events = client.getDatabase("klantspiegel").getCollection("events");
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                new IndexOptions().unique(true).name("uniqueAggregateSequence"));
        events.createIndex(Indexes.ascending("eventIdentifier"),
                new IndexOptions().unique(true).name("uniqueEventIdentifier"));
        documentBytes = size(event(0));
    }

    /**
     * Runs {@code threads} writers for {@code seconds}. The CPU time is this whole JVM's (writers, driver, database):
     * little else runs in it meanwhile.
     */
    Figures measure(int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[][] own = {new long[4096]};
            int[] count = new int[1];
            latencies.add(null);
            int index = t;
            running.add(writers.submit(() -> {
                while (!stop.get()) {
                    long begin = System.nanoTime();
                    events.insertOne(event(position.incrementAndGet()));
                    store.awaitDurable();
                    long took = System.nanoTime() - begin;
                    if (measuring.get()) {
                        if (count[0] == own[0].length) {
                            own[0] = Arrays.copyOf(own[0], own[0].length * 2);
                        }
                        own[0][count[0]++] = took;
                    }
                }
                synchronized (latencies) {
                    latencies.set(index, Arrays.copyOf(own[0], count[0]));
                }
                return null;
            }));
        }
        Thread.sleep(500); // every writer under way
        long commitsBefore = store.commits();
        long commitNanosBefore = store.commitNanos();
        long commitCpuBefore = store.commitCpuNanos();
        Long cpuBefore = cpuNanos();
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Long cpuAfter = cpuNanos();
        long commits = store.commits() - commitsBefore;
        long commitNanos = store.commitNanos() - commitNanosBefore;
        long commitCpu = store.commitCpuNanos() - commitCpuBefore;
        stop.set(true);
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        long inserts = all.length;
        return new Figures(threads, inserts / elapsed, RespondentLoad.percentile(all, 0.50),
                RespondentLoad.percentile(all, 0.99), inserts, commits, commitNanos / 1e6 / Math.max(1, inserts),
                commitCpu / 1e6 / Math.max(1, inserts),
                cpuBefore == null || cpuAfter == null ? null : (cpuAfter - cpuBefore) / 1e6 / Math.max(1, inserts));
    }

    private static Long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(null);
    }

    void close() {
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
        ProductNode.deleteTree(directory);
    }

    /** An event as the product stores one (an answer given), with its position as {@code _id}. */
    private Document event(long id) {
        String assessment = UUID.randomUUID().toString();
        Date now = new Date();
        return new Document("_id", id)
                .append("aggregateIdentifier", assessment)
                .append("sequenceNumber", 3L)
                .append("aggregateType", "AssessmentAggregate")
                .append("eventIdentifier", UUID.randomUUID().toString())
                .append("timestamp", now)
                .append("payloadType", "nl.klantspiegel.domain.assessment.AnswerGiven")
                .append("payloadRevision", null)
                .append("payload", new Document("assessmentId", assessment).append("question", 3)
                        .append("option", "B").append("at", now.toInstant().toString()))
                .append("metaData", new Document("traceId", UUID.randomUUID().toString())
                        .append("correlationId", UUID.randomUUID().toString())
                        .append("padding", padding == null ? "" : padding));
    }

    private static int size(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }
}
