package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.ConnectionString;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import java.nio.file.Path;

/**
 * When no MongoDB URI is configured, starts the embedded database and points Spring Boot's MongoDB client at
 * it, through the in-JVM transport. The client depends on the connection details, which depend on the server,
 * so the server is up before the client connects and goes down after the client has closed.
 */
@AutoConfiguration(before = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class})
@Conditional(NoMongoUriConfigured.class)
public class EmbeddedMongoAutoConfiguration {

    static final String DATABASE = "klantspiegel";

    /**
     * @param port    empty (the default): no port at all; a number: also listen on that loopback port without
     *                authentication, to look inside with {@code mongosh}, or to serve the other nodes of a cluster on
     *                this machine (0 for any free port; the log names it)
     * @param cluster whether this node is one of several on one database: then it refuses to open an embedded
     *                database that only it would use
     */
    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(@Value("${klantspiegel.data-dir:./data}") Path dataDirectory,
                                @Value("${klantspiegel.embedded-mongo.port:#{null}}") Integer port,
                                @Value("${klantspiegel.cluster:false}") boolean cluster) {
        if (cluster && port == null) {
            throw new ClusterWithoutDatabase();
        }
        return EmbeddedMongo.start(dataDirectory, port);
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongo embeddedMongo) {
        ConnectionString connectionString = new ConnectionString(embeddedMongo.connectionString(DATABASE));
        return () -> connectionString;
    }

    @Bean
    MongoClientSettingsBuilderCustomizer inJvmTransport(EmbeddedMongo embeddedMongo) {
        return embeddedMongo::configure;
    }
}
