package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedded database through the real driver, over the in-JVM transport unless a port is asked for. */
class EmbeddedMongoTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keeps_its_data_in_the_data_directory_across_restarts() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", 1).append("kept", true));
            assertThat(server.file()).isEqualTo(dataDirectory.resolve("klantspiegel.mv.db").toAbsolutePath());
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            Document kept = client.getDatabase("test").getCollection("things").find(new Document("_id", 1)).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getBoolean("kept")).isTrue();
        }
    }

    /** Spring's Mongo health check sends {@code hello}; mongo-java-server knows only {@code isMaster}. */
    @Test
    void answers_hello_as_a_writable_primary_like_a_real_mongodb() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            Document hello = client.getDatabase("test").runCommand(new Document("hello", 1));

            assertThat(hello.get("ok")).isIn(1, 1.0);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).isPositive();
        }
    }

    @Test
    void keeps_documents_of_every_type_the_product_writes_as_bson_across_restarts() {
        Document written = new Document("_id", "a-1").append("text", "Klantgericht – ëé")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("flag", false)
                .append("at", java.util.Date.from(java.time.Instant.parse("2026-12-07T05:13:32.123Z")))
                .append("nothing", null).append("list", List.of("a", 3, List.of(1L)))
                .append("nested", new Document("seq", new Document("0", 11L).append("1", 12L)))
                .append("bytes", new org.bson.types.Binary(new byte[] {1, 2, 3}))
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.50")))
                .append("oid", new org.bson.types.ObjectId("65f0c0ffee0000000000abcd"));
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            client.getDatabase("test").getCollection("things").insertOne(written);
            server.awaitDurable();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            assertThat(client.getDatabase("test").getCollection("things").find().first()).isEqualTo(written);
        }
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder()
                .fileName(dataDirectory.resolve("klantspiegel.mv.db").toString()).readOnly().open()) {
            org.h2.mvstore.MVMap<Object, Object> raw = store.openMap("databases.test.things",
                    new org.h2.mvstore.MVMap.Builder<Object, Object>().valueType(new org.h2.mvstore.type.DataType<>() {
                        private final org.h2.mvstore.type.ObjectDataType keys = new org.h2.mvstore.type.ObjectDataType();

                        @Override
                        public int compare(Object a, Object b) {
                            return keys.compare(a, b);
                        }

                        @Override
                        public int binarySearch(Object key, Object storage, int size, int initialGuess) {
                            return keys.binarySearch(key, storage, size, initialGuess);
                        }

                        @Override
                        public int getMemory(Object value) {
                            return 64;
                        }

                        @Override
                        public boolean isMemoryEstimationAllowed() {
                            return true;
                        }

                        @Override
                        public void write(org.h2.mvstore.WriteBuffer buffer, Object value) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public void write(org.h2.mvstore.WriteBuffer buffer, Object storage, int length) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public Object read(java.nio.ByteBuffer buffer) {
                            return Byte.toUnsignedInt(buffer.get()) + "+" + org.h2.mvstore.DataUtils.readVarInt(buffer)
                                    + "+" + skip(buffer, Integer.reverseBytes(buffer.getInt(buffer.position())));
                        }

                        private int skip(java.nio.ByteBuffer buffer, int length) {
                            buffer.position(buffer.position() + length);
                            return length;
                        }

                        @Override
                        public void read(java.nio.ByteBuffer buffer, Object storage, int length) {
                            Object[] values = (Object[]) storage;
                            for (int i = 0; i < length; i++) {
                                values[i] = read(buffer);
                            }
                        }

                        @Override
                        public Object[] createStorage(int size) {
                            return new Object[size];
                        }
                    }));
            String stored = (String) raw.values().iterator().next();
            String[] parts = stored.split("\\+");
            assertThat(parts[0]).as("the tag of a BSON value").isEqualTo(String.valueOf(BsonDocuments.TAG));
            assertThat(parts[1]).as("its length, the BSON document's own first four bytes").isEqualTo(parts[2]);
            assertThat(Integer.parseInt(parts[1])).as("BSON, not Java serialisation").isLessThan(400);
        }
    }

    @Test
    void opens_a_data_file_written_before_documents_were_kept_as_bson() {
        Path file = dataDirectory.resolve("klantspiegel.mv.db");
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString())
                .compress().open()) {
            de.bwaldvogel.mongo.backend.h2.H2Backend older = new de.bwaldvogel.mongo.backend.h2.H2Backend(store);
            de.bwaldvogel.mongo.MongoCollection<?> things = older.resolveDatabase("test")
                    .createCollectionOrThrowIfExists("things");
            things.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", 1).append("kept", "before")
                    .append("at", java.time.Instant.parse("2026-01-02T03:04:05Z")));
            things.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", 2).append("kept", "before too"));
            store.commit();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.find(new Document("_id", 1)).first()).isEqualTo(new Document("_id", 1)
                    .append("kept", "before").append("at", java.util.Date.from(
                            java.time.Instant.parse("2026-01-02T03:04:05Z"))));
            things.updateOne(new Document("_id", 2), new Document("$set", new Document("kept", "after")));
            things.insertOne(new Document("_id", 3).append("kept", "new"));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 1))).as("its _id index from before holds")
                    .isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("duplicate key");
            server.awaitDurable();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            assertThat(client.getDatabase("test").getCollection("things").find()
                    .map(document -> document.getString("kept")).into(new ArrayList<>()))
                    .containsExactly("before", "after", "new");
        }
    }

    @Test
    void unique_indexes_made_here_are_keyed_by_value_and_hold_across_restarts() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            events.createIndex(new Document("seq", 1)); // a secondary index: not kept, queries on it scan
            events.createIndex(new Document("aggregate", 1).append("seq", 1),
                    new com.mongodb.client.model.IndexOptions().unique(true).name("aggregateAndSequence"));
            for (long position = 1; position <= 300; position++) {
                events.insertOne(new Document("_id", position).append("aggregate", "a-" + (position % 7))
                        .append("seq", position / 7));
            }
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 301L).append("aggregate", "a-3")
                    .append("seq", 10L))).isInstanceOf(com.mongodb.MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 7.0).append("aggregate", "b")))
                    .as("7.0 is the _id 7").isInstanceOf(com.mongodb.MongoWriteException.class);
            events.insertOne(new Document("_id", 302L).append("aggregate", "c"));
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 303L).append("aggregate", "c")
                    .append("seq", null))).as("a missing field and null are the same key, as in MongoDB")
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
            server.awaitDurable();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            assertThat(events.find(new Document("_id", 150L)).first()).isEqualTo(new Document("_id", 150L)
                    .append("aggregate", "a-3").append("seq", 21L));
            assertThat(events.countDocuments(new Document("seq", 21L))).as("by the secondary index's field").isEqualTo(7);
            assertThat(events.find(new Document("_id", new Document("$in", List.of(3L, 5L, 999L))))
                    .map(document -> document.get("_id")).into(new ArrayList<>())).containsExactly(3L, 5L);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 304L).append("aggregate", "a-3")
                    .append("seq", 10L))).as("after a restart").isInstanceOf(com.mongodb.MongoWriteException.class);
            events.deleteOne(new Document("_id", 150L));
            events.insertOne(new Document("_id", 150L).append("aggregate", "a-3").append("seq", 21L));
            assertThat(events.countDocuments()).isEqualTo(301);
            server.awaitDurable();
        }
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder()
                .fileName(dataDirectory.resolve("klantspiegel.mv.db").toString()).readOnly().open()) {
            assertThat(store.<String, Boolean>openMap(BsonH2Database.KEYED_BY_VALUE).keySet())
                    .contains("test.events._index__id_", "test.events._index_aggregateAndSequence");
        }
    }

    @Test
    void listens_on_no_port_and_its_connection_string_is_useless_to_anyone_else() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc to list this process's sockets");
        Set<Integer> before = listeningPortsOfThisProcess();
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", 1));

            assertThat(server.tcpAddress()).isEmpty();
            assertThat(listeningPortsOfThisProcess()).as("TCP ports this JVM listens on").isEqualTo(before);
            // a client of its own, as another process would make one, does not even find the host
            try (MongoClient outsider = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(server.connectionString("test")))
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                    .build())) {
                assertThatThrownBy(() -> outsider.getDatabase("test").getCollection("things").countDocuments())
                        .isInstanceOf(MongoTimeoutException.class)
                        .hasMessageContaining("UnknownHostException");
            }
        }
    }

    @Test
    void on_request_also_listens_on_a_loopback_port_for_mongosh() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient inside = server.newClient("test");
             MongoClient outside = MongoClients.create(server.tcpConnectionString("test").orElseThrow())) {
            inside.getDatabase("test").getCollection("things").insertOne(new Document("_id", 7));

            InetSocketAddress address = server.tcpAddress().orElseThrow();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            assertThat(address.getPort()).isPositive();
            assertThat(outside.getDatabase("test").getCollection("things").find(new Document("_id", 7)).first())
                    .as("the same data through the port").isNotNull();
        }
    }

    /**
     * Another node reaches the database over the port. A write that asks for the journal is answered once the data file
     * is committed and forced (so a crash of the holding process cannot lose what that node acknowledged).
     */
    @Test
    void a_write_over_the_port_that_asks_for_the_journal_is_on_disk_when_answered() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient plain = MongoClients.create(server.tcpConnectionString("test").orElseThrow());
             MongoClient journaled = MongoClients.create(server.tcpConnectionString("test").orElseThrow()
                     + "?journal=true")) {
            plain.getDatabase("test").getCollection("things").insertOne(new Document("_id", 1));
            long before = server.commits();

            var things = journaled.getDatabase("test").getCollection("things");
            things.insertOne(new Document("_id", 2));
            long afterInsert = server.commits();
            things.updateOne(new Document("_id", 2), new Document("$set", new Document("n", 1)));
            long afterUpdate = server.commits();
            things.findOneAndUpdate(new Document("_id", 2), new Document("$inc", new Document("n", 1)));
            long afterFindAndModify = server.commits();
            things.deleteOne(new Document("_id", 1));

            assertThat(List.of(before, afterInsert, afterUpdate, afterFindAndModify, server.commits()))
                    .as("a commit for each write, before its answer").isSortedAccordingTo(Long::compare)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void the_data_directory_and_the_file_are_for_their_owner_only() throws Exception {
        assumeTrue(Files.getFileStore(dataDirectory).supportsFileAttributeView(PosixFileAttributeView.class));
        Path fresh = dataDirectory.resolve("fresh");
        try (EmbeddedMongo server = EmbeddedMongo.start(fresh)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.file())))
                    .isEqualTo("rw-------");
        }

        Path existing = dataDirectory.resolve("existing");
        try (EmbeddedMongo server = EmbeddedMongo.start(existing)) {
            Files.setPosixFilePermissions(server.file(), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedMongo server = EmbeddedMongo.start(existing)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.file())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void the_in_jvm_transport_carries_large_documents_and_many_connections_at_once() throws Exception {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            String large = "x".repeat(12 * 1024 * 1024);
            things.insertOne(new Document("_id", "large").append("text", large));
            assertThat(things.find(new Document("_id", "large")).first().getString("text")).isEqualTo(large);

            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                int reader = r;
                readers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        things.insertOne(new Document("_id", reader * 1000 + i));
                    }
                    return (int) things.countDocuments(new Document("_id", new Document("$gte", reader * 1000)
                            .append("$lt", reader * 1000 + 1000)));
                }));
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(100);
            }
            pool.shutdown();
        }
    }

    @Test
    void a_client_learns_at_once_that_the_database_has_stopped() {
        EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString("test")))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.readTimeout(30, TimeUnit.SECONDS));
        server.configure(settings);
        try (MongoClient client = MongoClients.create(settings.build())) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", 1));
            server.close();

            long started = System.nanoTime();
            assertThatThrownBy(() -> client.getDatabase("test").getCollection("things").countDocuments())
                    .isInstanceOf(MongoException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for the read timeout")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    /** The TCP ports on which a socket of this process listens (Linux: /proc/net/tcp* against /proc/self/fd). */
    private static Set<Integer> listeningPortsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                boolean listening = fields[3].equals("0A");
                if (listening && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void concurrent_writers_share_commits() throws Exception {
        int writers = 8;
        int writesEach = 50;
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory);
             MongoClient client = server.newClient("test")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < writesEach; i++) {
                        things.insertOne(new Document("_id", writer * 1000 + i));
                        server.awaitDurable();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();

            assertThat(server.durableWrites()).isEqualTo(writers * writesEach);
            System.out.printf("%d durable writes from %d writers took %d commits%n",
                    server.durableWrites(), writers, server.commits());
            assertThat(server.commits()).as("grouped").isLessThan(writers * writesEach);
            assertThat(things.countDocuments()).isEqualTo(writers * writesEach);
        }
    }
}
