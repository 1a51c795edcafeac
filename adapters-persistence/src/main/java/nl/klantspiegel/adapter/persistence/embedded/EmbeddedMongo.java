package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default database: the MongoDB wire-protocol server mongo-java-server, inside this JVM,
 * on loopback, keeping its data in one H2 MVStore file under the data directory.
 *
 * <p>It is also this database's {@link WriteDurability}. The MVStore's own background commit (about once
 * a second) is replaced by commits made here, each one written and forced to disk: a writer about to
 * acknowledge asks for one, and a timer makes one every second for everything else (read models, tokens).
 * Writers that ask while a commit is running are served together by the next one (group commit).
 *
 * <p>File size: the MVStore only writes new chunks and by default keeps the space of outdated chunks for
 * 45 seconds, in case the disk had not yet written everything; a commit per write then grew the file to
 * about 50 KB per event (217 MB for 4,200 answers). Because every commit here is forced to disk before
 * the next, that safety margin is not needed: outdated chunks are reused at once (retention time 0), and
 * the same 4,200 answers take about 22 MB. With auto-commit off the MVStore's background thread no
 * longer compacts either, so the timer also rewrites chunks that are mostly outdated. Chunks are compressed
 * (LZF): measured with the growth benchmark, 61,889 events took 666 MB uncompressed and 70–76 MB compressed,
 * 201,885 events 244 MB, with no loss of speed that stood out from the noise.
 */
public final class EmbeddedMongo implements WriteDurability, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String FILE_NAME = "klantspiegel.mv.db";
    private static final int COMPACT_BELOW_FILL_RATE = 80;
    private static final int COMPACT_BYTES = 1 << 20;
    private static final int CACHE_MEGABYTES = 64;

    private final Path file;
    private final MVStore store;
    private final MongoServer server;
    private final InetSocketAddress address;

    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock committing = new ReentrantLock();
    private volatile long durableUpTo;

    private EmbeddedMongo(Path file, MVStore store, MongoServer server, InetSocketAddress address) {
        this.file = file;
        this.store = store;
        this.server = server;
        this.address = address;
    }

    /**
     * Opens (or creates) the data file in {@code dataDirectory} and starts listening on loopback.
     *
     * @param port the port to listen on; 0 for any free port
     */
    public static EmbeddedMongo start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDirectory.toAbsolutePath(), e);
        }
        Path file = dataDirectory.resolve(FILE_NAME).toAbsolutePath();
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .compress()
                .cacheSize(CACHE_MEGABYTES)
                .open();
        store.setRetentionTime(0);
        MongoServer server = new MongoServer(new H2Backend(store));
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        EmbeddedMongo mongo = new EmbeddedMongo(file, store, server, server.getLocalAddress());
        mongo.committer.scheduleWithFixedDelay(mongo::commitIfChanged, 1, 1, TimeUnit.SECONDS);
        log.info("Embedded MongoDB listening on {}, data in {}", mongo.connectionString(""), file);
        return mongo;
    }

    @Override
    public void awaitDurable() {
        long ticket = writes.incrementAndGet();
        committing.lock();
        try {
            if (durableUpTo < ticket) {
                commitAndSync();
            }
        } finally {
            committing.unlock();
        }
    }

    /**
     * Keeps the file compact (rewrites chunks less than this percentage alive; the MVStore's own background
     * thread would do this, but it is off with auto-commit), then commits whatever is unsaved. Compaction runs
     * outside the lock, so writers waiting for durability never wait for it.
     */
    private void commitIfChanged() {
        try {
            store.compact(COMPACT_BELOW_FILL_RATE, COMPACT_BYTES);
            committing.lock();
            try {
                if (store.hasUnsavedChanges()) {
                    commitAndSync();
                }
            } finally {
                committing.unlock();
            }
        } catch (RuntimeException e) {
            log.error("Periodic commit of {} failed", file, e);
        }
    }

    /** Commits everything written so far and forces it to disk; called holding the lock. */
    private void commitAndSync() {
        long upTo = writes.get();
        store.commit();
        store.sync();
        durableUpTo = upTo;
        commits.incrementAndGet();
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public Path file() {
        return file;
    }

    /** How many writes asked to be made durable. */
    long durableWrites() {
        return writes.get();
    }

    /** How many commits were forced to disk, for them and on the timer. */
    long commits() {
        return commits.get();
    }

    /** Stops listening, then writes everything to disk and closes the file. */
    @Override
    public void close() {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The periodic commit did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow(); // closes the backend, which commits and closes the MVStore
        log.info("Embedded MongoDB stopped after {} durable writes in {} commits; data kept in {}",
                writes.get(), commits.get(), file);
    }
}
