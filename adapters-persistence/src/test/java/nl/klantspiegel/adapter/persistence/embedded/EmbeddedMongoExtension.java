package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded database for a test class, as the product runs it (H2 file, every acknowledged write on disk),
 * reached through the real MongoDB driver. Register it as a static field with {@code @RegisterExtension}: the
 * server starts once before the class's tests, on a fresh data directory under {@code target}, and stops after
 * them. {@link #freshDatabase()} gives each test a database of its own.
 */
public final class EmbeddedMongoExtension implements BeforeAllCallback, AfterAllCallback {

    private final String databasePrefix;
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedMongo server;
    private MongoClient client;

    public EmbeddedMongoExtension(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            Path dataDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), databasePrefix);
            server = EmbeddedMongo.start(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = server.newClient(databasePrefix);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    public EmbeddedMongo server() {
        return server;
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test has used. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase(freshDatabaseName());
    }

    public String freshDatabaseName() {
        return databasePrefix + databases.incrementAndGet();
    }
}
