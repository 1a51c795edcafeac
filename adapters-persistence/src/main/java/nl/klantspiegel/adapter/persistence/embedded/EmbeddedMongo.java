package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import nl.klantspiegel.adapter.persistence.WriteDurability;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default database: the MongoDB wire-protocol server mongo-java-server, inside this JVM,
 * on loopback, keeping its data in one H2 MVStore file under the data directory.
 *
 * <p>The MVStore commits on its own only about once a second, so it is also this database's
 * {@link WriteDurability}: a writer about to acknowledge asks for a commit. Writers that ask while a
 * commit is running are served together by the next one (group commit), so one commit per write is only
 * paid when writes do not overlap.
 */
public final class EmbeddedMongo implements WriteDurability, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String FILE_NAME = "klantspiegel.mv.db";

    private final Path file;
    private final MVStore store;
    private final MongoServer server;
    private final InetSocketAddress address;

    private final AtomicLong writes = new AtomicLong();
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
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer server = new MongoServer(new H2Backend(store));
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        EmbeddedMongo mongo = new EmbeddedMongo(file, store, server, server.getLocalAddress());
        log.info("Embedded MongoDB listening on {}, data in {}", mongo.connectionString(""), file);
        return mongo;
    }

    @Override
    public void awaitDurable() {
        long ticket = writes.incrementAndGet();
        committing.lock();
        try {
            if (durableUpTo >= ticket) {
                return;
            }
            long upTo = writes.get();
            store.commit();
            store.sync();
            durableUpTo = upTo;
        } finally {
            committing.unlock();
        }
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public Path file() {
        return file;
    }

    /** Stops listening, then writes everything to disk and closes the file. */
    @Override
    public void close() {
        server.shutdownNow(); // closes the backend, which commits and closes the MVStore
        log.info("Embedded MongoDB stopped; data kept in {}", file);
    }
}
