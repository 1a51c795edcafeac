package nl.klantspiegel.adapter.persistence;

import com.mongodb.WriteConcern;
import nl.klantspiegel.adapter.persistence.accounts.AccountsConfiguration;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoAutoConfiguration;
import nl.klantspiegel.adapter.persistence.eventstore.EventStoreConfiguration;
import nl.klantspiegel.adapter.persistence.readmodel.ReadModelConfiguration;
import nl.klantspiegel.adapter.persistence.scoring.FileScorings;
import nl.klantspiegel.adapter.persistence.settings.PersistenceSettings;
import nl.klantspiegel.adapter.persistence.shared.SharedStateConfiguration;
import nl.klantspiegel.application.port.out.Scorings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The persistence adapter, plugged in by being on the classpath: MongoDB for the event store, the token
 * store, the read models and the state the nodes share (sessions, throttles, rate limits, one-time tasks); the
 * embedded database when no URI is configured.
 */
@AutoConfiguration(
        after = {EmbeddedMongoAutoConfiguration.class, MongoAutoConfiguration.class, MongoDataAutoConfiguration.class,
                JacksonAutoConfiguration.class},
        beforeName = {
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration",
                "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
                "org.axonframework.springboot.autoconfig.InfraConfiguration",
                "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                // our session repository first, so that Spring Boot's own (of Spring Session's MongoDB store) backs off
                "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration"})
@Import({EventStoreConfiguration.class, ReadModelConfiguration.class, AccountsConfiguration.class,
        SharedStateConfiguration.class})
@EnableConfigurationProperties(PersistenceSettings.class)
public class PersistenceAutoConfiguration {

    /** Alternative scorings: shipped ones and an analyst's files in the scorings directory. */
    @Bean
    Scorings scorings(PersistenceSettings settings) {
        return new FileScorings(settings.scorings());
    }

    /** A real MongoDB acknowledges a write once a majority has it in the journal, unless the URI says otherwise. */
    @Bean
    @ConditionalOnMissingBean(EmbeddedMongo.class)
    WriteDurability writeDurability() {
        return WriteDurability.BY_WRITE_CONCERN;
    }

    @Bean
    @ConditionalOnMissingBean(EmbeddedMongo.class)
    MongoClientSettingsBuilderCustomizer durableWriteConcern(MongoConnectionDetails connection) {
        return settings -> {
            if (connection.getConnectionString().getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
        };
    }
}
