package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.TransportSettings;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import nl.klantspiegel.application.port.out.DurableCommits;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default database: the MongoDB wire-protocol server mongo-java-server, inside this JVM, keeping its
 * data in one H2 MVStore file under the data directory.
 *
 * <h2>Closed to other processes</h2>
 * By default it listens on no port at all. The MongoDB driver of this process reaches it through an in-JVM
 * transport: the driver's Netty transport with {@link InJvmSocketChannel}, which connects to the server's Netty
 * {@code LocalServerChannel} in memory. Nothing outside this JVM can connect. The data directory is made readable
 * for its owner only ({@code rwx------}), and so is the data file ({@code rw-------}).
 *
 * <p>For looking inside with {@code mongosh}, the same database can also listen on a loopback TCP port
 * ({@code klantspiegel.embedded-mongo.port}). That listener has no authentication: while it is on, every process
 * on this machine can read and change every document. It is off unless asked for, and its start is logged as a
 * warning.
 *
 * <h2>Durability</h2>
 * It is also this database's {@link WriteDurability}. The MVStore's own background commit (about once
 * a second) is replaced by commits made here, each one written and forced to disk: a writer about to
 * acknowledge asks for one, and a timer makes one every second for everything else (read models, tokens).
 * Writers that ask while a commit is running are served together by the next one (group commit).
 *
 * <p>File size: the MVStore only writes new chunks and by default keeps the space of outdated chunks for
 * 45 seconds, in case the disk had not yet written everything; a commit per write then grew the file to
 * about 50 KB per event (217 MB for 4,200 answers). Because every commit here is forced to disk before
 * the next, that safety margin is not needed: outdated chunks are reused at once (retention time 0), and
 * the same 4,200 answers take about 22 MB. With auto-commit off the MVStore's background thread no
 * longer compacts either, so the timer also rewrites chunks that are mostly outdated. Documents are kept as BSON
 * ({@link BsonDocuments}), not Java-serialised, and chunks are compressed (LZF). Measured with the product benchmark
 * (50 respondents, 20 s, the same run): Java serialisation with LZF 12.4 ms of CPU per answer and 1,758 bytes of file
 * per event; BSON without LZF 8.6 ms and 6,466 bytes (the commits write four times the bytes, and the compaction
 * falls behind); BSON with LZF 8.9 ms and 1,450 bytes, which is what this is.
 *
 * <p>It counts what its commits cost ({@link DurableCommits}): their number, their time until the disk had them, and
 * the CPU time of the threads that made them, for the metrics the product benchmark reads.
 */
public final class EmbeddedMongo implements WriteDurability, DurableCommits, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String FILE_NAME = "klantspiegel.mv.db";
    private static final int COMPACT_BELOW_FILL_RATE = 80;
    private static final int COMPACT_BYTES = 1 << 20;
    private static final int CACHE_MEGABYTES = 64;
    /** The port in the in-JVM connection string; nothing listens on it. */
    private static final int IN_JVM_PORT = 27017;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported()
            && THREADS.isThreadCpuTimeEnabled();

    private final Path file;
    private final MVStore store;
    private final MongoBackend backend;
    private final String host;
    private final AutoCloseable served;
    private final ChannelGroup clients;
    private final List<EventLoopGroup> eventLoops;
    private final List<Channel> listeners;
    private final InetSocketAddress tcpAddress;

    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder commitCpuNanos = new LongAdder();
    private final ReentrantLock committing = new ReentrantLock();
    private volatile long durableUpTo;

    private EmbeddedMongo(Path file, MVStore store, MongoBackend backend, String host, AutoCloseable served,
                          ChannelGroup clients, List<EventLoopGroup> eventLoops, List<Channel> listeners,
                          InetSocketAddress tcpAddress) {
        this.file = file;
        this.store = store;
        this.backend = backend;
        this.host = host;
        this.served = served;
        this.clients = clients;
        this.eventLoops = eventLoops;
        this.listeners = listeners;
        this.tcpAddress = tcpAddress;
    }

    /** Opens (or creates) the data file in {@code dataDirectory}, reachable from this JVM only. */
    public static EmbeddedMongo start(Path dataDirectory) {
        return start(dataDirectory, null);
    }

    /**
     * Opens (or creates) the data file in {@code dataDirectory}.
     *
     * @param tcpPort {@code null}: reachable from this JVM only; otherwise also listening without authentication on
     *                this loopback port (0 for any free one), for looking inside with {@code mongosh}
     */
    public static EmbeddedMongo start(Path dataDirectory, Integer tcpPort) {
        Path directory = dataDirectory.toAbsolutePath();
        Path file = directory.resolve(FILE_NAME);
        prepareOwnerOnly(directory, file);
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .compress()
                .cacheSize(CACHE_MEGABYTES)
                .open();
        store.setRetentionTime(0);
        EmbeddedBackend backend = new EmbeddedBackend(store);

        List<EventLoopGroup> eventLoops = new ArrayList<>();
        List<Channel> listeners = new ArrayList<>();
        AutoCloseable served = null;
        try {
            EventLoopGroup boss = track(eventLoops, new DefaultEventLoopGroup(1, threads("embedded-mongo-accept")));
            EventLoopGroup workers = track(eventLoops, new DefaultEventLoopGroup(0, threads("embedded-mongo-server")));
            ChannelGroup clients = new DefaultChannelGroup("embedded-mongo-clients", workers.next());
            LocalAddress local = new LocalAddress("klantspiegel-" + UUID.randomUUID());
            listeners.add(new ServerBootstrap()
                    .group(boss, workers)
                    .channel(LocalServerChannel.class)
                    .childHandler(wireProtocol(backend, clients))
                    .bind(local).syncUninterruptibly().channel());
            String host = "embedded-" + UUID.randomUUID() + ".klantspiegel.invalid";
            served = InJvmSocketChannel.serve(host, local);

            InetSocketAddress tcpAddress = null;
            if (tcpPort != null) {
                EventLoopGroup tcpBoss = track(eventLoops, new NioEventLoopGroup(1, threads("embedded-mongo-tcp-accept")));
                EventLoopGroup tcpWorkers = track(eventLoops, new NioEventLoopGroup(2, threads("embedded-mongo-tcp")));
                Channel tcp = new ServerBootstrap()
                        .group(tcpBoss, tcpWorkers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 100)
                        .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                        .childHandler(wireProtocol(backend, clients))
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort))
                        .syncUninterruptibly().channel();
                listeners.add(tcp);
                tcpAddress = (InetSocketAddress) tcp.localAddress();
            }
            EmbeddedMongo mongo = new EmbeddedMongo(file, store, backend, host, served, clients, eventLoops, listeners,
                    tcpAddress);
            backend.durability = mongo::awaitDurable;
            mongo.committer.scheduleWithFixedDelay(mongo::commitIfChanged, 1, 1, TimeUnit.SECONDS);
            log.info("Embedded MongoDB started, reachable from this process only; data in {}", file);
            if (tcpAddress != null) {
                log.warn("The embedded MongoDB also listens on {} WITHOUT authentication: every process on this "
                                + "machine can read and change all data while it does. For looking inside only: {}",
                        tcpAddress, mongo.tcpConnectionString("klantspiegel").orElseThrow());
            }
            return mongo;
        } catch (RuntimeException e) {
            listeners.forEach(Channel::close);
            closeQuietly(served);
            eventLoops.forEach(group -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
            backend.close();
            throw e;
        }
    }

    /**
     * The H2 backend, with two things a real MongoDB does and mongo-java-server does not:
     * <ul>
     *   <li>{@code findAndModify} is atomic for every client. mongo-java-server changes the stored document in place
     *       and answers with that same object, which is encoded after the collection's lock is released: a second
     *       {@code $inc} on the same document could land before the first answer was written, and both clients were
     *       told the same value (measured: two nodes appending at once got the same event position). Here each
     *       {@code findAndModify} runs alone and answers with a copy made before the next one runs.</li>
     *   <li>A write that asks for the journal ({@code writeConcern: {j: true}}, as a client whose connection string
     *       says {@code journal=true} sends) is answered only once it is on disk: the data file is committed and
     *       forced first (group commit). So another node that uses this database over its port acknowledges nothing
     *       that a crash of this process could lose.</li>
     * </ul>
     */
    private static final class EmbeddedBackend extends H2Backend {

        private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete",
                "findandmodify");

        private final Object findAndModify = new Object();
        private volatile Runnable durability = () -> { };

        EmbeddedBackend(MVStore store) {
            super(store);
        }

        /** Its collections keep their documents as BSON (see {@link BsonDocuments}). */
        @Override
        protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
            return BsonH2Database.open(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String database, String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            de.bwaldvogel.mongo.bson.Document answer;
            if (command.equalsIgnoreCase("hello")) {
                return hello(channel, database, query);
            }
            if (command.equalsIgnoreCase("findAndModify")) {
                synchronized (findAndModify) {
                    answer = super.handleCommand(channel, database, command, query).cloneDeeply();
                }
            } else {
                answer = super.handleCommand(channel, database, command, query);
            }
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT)) && asksForJournal(query)) {
                durability.run();
            }
            return answer;
        }

        /**
         * MongoDB's handshake and health command since 4.4 (Spring's Mongo health check sends it), which
         * mongo-java-server knows only by its older name {@code isMaster}: answered as that, with the newer field, so
         * the health check works on the embedded database as on a real one. A store that H2 has closed (a fatal
         * error) answers an error instead, so the node's health says DOWN rather than UP.
         */
        private de.bwaldvogel.mongo.bson.Document hello(Channel channel, String database,
                                                        de.bwaldvogel.mongo.bson.Document query) {
            if (getMvStore().isClosed()) {
                throw new de.bwaldvogel.mongo.exception.MongoServerException("the embedded database's store is closed");
            }
            de.bwaldvogel.mongo.bson.Document answer = super.handleCommand(channel, database, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }

        private static boolean asksForJournal(de.bwaldvogel.mongo.bson.Document query) {
            return query.get("writeConcern") instanceof de.bwaldvogel.mongo.bson.Document concern
                    && Boolean.TRUE.equals(concern.get("j"));
        }
    }

    /** mongo-java-server's own pipeline, as its {@code MongoServer} builds it, for any kind of channel. */
    private static ChannelInitializer<Channel> wireProtocol(MongoBackend backend, ChannelGroup clients) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new MongoWireReplyEncoder());
                channel.pipeline().addLast(new MongoWireMessageEncoder());
                channel.pipeline().addLast(new MongoWireProtocolHandler());
                channel.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                channel.pipeline().addLast(new MongoExceptionHandler());
            }
        };
    }

    private static DefaultThreadFactory threads(String name) {
        return new DefaultThreadFactory(name, true);
    }

    private static EventLoopGroup track(List<EventLoopGroup> groups, EventLoopGroup group) {
        groups.add(group);
        return group;
    }

    /**
     * The data directory {@code rwx------} and the data file {@code rw-------}: created so, or narrowed when they
     * exist. The file is created empty before the MVStore opens it, so it is never readable by others, not even
     * for a moment. (On a file system without POSIX permissions this is left to the file system, and logged.)
     */
    static void prepareOwnerOnly(Path directory, Path file) {
        try {
            boolean posix = Files.getFileStore(Files.exists(directory) ? directory : existingParent(directory))
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (!posix) {
                Files.createDirectories(directory);
                log.warn("{} has no POSIX permissions; restrict access to the data directory by other means", directory);
                return;
            }
            if (Files.notExists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
            narrow(directory, OWNER_ONLY_DIRECTORY);
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            }
            narrow(file, OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + directory, e);
        }
    }

    private static void narrow(Path path, Set<PosixFilePermission> permissions) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (!current.equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
            log.info("Narrowed the permissions of {} from {} to {}", path, PosixFilePermissions.toString(current),
                    PosixFilePermissions.toString(permissions));
        }
    }

    private static Path existingParent(Path path) {
        Path existing = path;
        while (existing != null && Files.notExists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? Path.of(".").toAbsolutePath() : existing;
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
        long started = System.nanoTime();
        long cpuStarted = threadCpuNanos();
        store.commit();
        store.sync();
        commitCpuNanos.add(threadCpuNanos() - cpuStarted);
        commitNanos.add(System.nanoTime() - started);
        durableUpTo = upTo;
        commits.incrementAndGet();
    }

    private static long threadCpuNanos() {
        return THREAD_CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * The connection string of this database for this process: it names the database by a host that exists only
     * here, so it works only with {@link #configure(MongoClientSettings.Builder) the in-JVM transport}.
     */
    public String connectionString(String database) {
        return "mongodb://" + host + ":" + IN_JVM_PORT + "/" + database;
    }

    /**
     * Points a client at this database through the in-JVM transport: the driver's Netty transport with
     * {@link InJvmSocketChannel} (on event loops of the client's own, which it shuts down when it closes), and
     * the host of {@link #connectionString} known to this client alone.
     */
    public void configure(MongoClientSettings.Builder settings) {
        settings.transportSettings(TransportSettings.nettyBuilder()
                        .socketChannelClass(InJvmSocketChannel.class)
                        .build())
                .inetAddressResolver(name -> {
                    if (!host.equals(name)) {
                        throw new UnknownHostException(name + " is not the embedded database of this process");
                    }
                    return List.of(InetAddress.getByAddress(name, new byte[]{127, 0, 0, 1}));
                });
    }

    /** A new client of this database, through the in-JVM transport. */
    public MongoClient newClient(String database) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString(database)));
        configure(settings);
        return MongoClients.create(settings.build());
    }

    /** The loopback TCP address, when asked for with {@code klantspiegel.embedded-mongo.port}. */
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcpAddress);
    }

    /** A connection string for {@code mongosh} or another process, when the TCP listener is on. */
    public Optional<String> tcpConnectionString(String database) {
        return tcpAddress().map(address -> "mongodb://" + address.getHostString() + ":" + address.getPort() + "/"
                + database);
    }

    public Path file() {
        return file;
    }

    /** How many writes asked to be made durable. */
    long durableWrites() {
        return writes.get();
    }

    /** How many commits were forced to disk, for them and on the timer. */
    @Override
    public long commits() {
        return commits.get();
    }

    @Override
    public long commitNanos() {
        return commitNanos.sum();
    }

    @Override
    public long commitCpuNanos() {
        return commitCpuNanos.sum();
    }

    /** Stops listening and closes every connection, then writes everything to disk and closes the file. */
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
        closeQuietly(served);
        listeners.forEach(listener -> listener.close().syncUninterruptibly());
        clients.close().syncUninterruptibly();
        eventLoops.forEach(group -> group.shutdownGracefully(0, 5, TimeUnit.SECONDS));
        eventLoops.forEach(group -> group.terminationFuture().syncUninterruptibly());
        backend.close(); // commits and closes the MVStore
        log.info("Embedded MongoDB stopped after {} durable writes in {} commits; data kept in {}",
                writes.get(), commits.get(), file);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Could not close {}", closeable, e);
            }
        }
    }
}
