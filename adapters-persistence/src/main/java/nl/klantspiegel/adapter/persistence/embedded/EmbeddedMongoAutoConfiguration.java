package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.ConnectionString;
import nl.klantspiegel.adapter.persistence.settings.PersistenceSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;


/**
 * When no MongoDB URI is configured, starts the embedded database and points Spring Boot's MongoDB client at
 * it, through the in-JVM transport. The client depends on the connection details, which depend on the server,
 * so the server is up before the client connects and goes down after the client has closed.
 */
@AutoConfiguration(before = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class})
@Conditional(NoMongoUriConfigured.class)
@EnableConfigurationProperties(PersistenceSettings.class)
public class EmbeddedMongoAutoConfiguration {

    static final String DATABASE = "klantspiegel";

    /**
     * In the data directory; also on a loopback port when {@code klantspiegel.embedded-mongo.port} is set. A node of a
     * cluster ({@code klantspiegel.cluster}) refuses to open an embedded database that only it would use.
     */
    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(PersistenceSettings settings) {
        Integer port = settings.embeddedMongo().port();
        if (settings.cluster() && port == null) {
            throw new ClusterWithoutDatabase();
        }
        return EmbeddedMongo.start(settings.dataDir(), port);
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
