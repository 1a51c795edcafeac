package nl.klantspiegel.adapter.persistence;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoAutoConfiguration;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter plugs in by auto-configuration: the embedded database by default, a configured URI as is. */
class PersistenceAutoConfigurationTest {

    @TempDir
    Path dataDirectory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedMongoAutoConfiguration.class, MongoAutoConfiguration.class, MongoDataAutoConfiguration.class,
                    JacksonAutoConfiguration.class, PersistenceAutoConfiguration.class))
            .withUserConfiguration(Serializers.class)
            // as in a Spring Boot application: durations such as "10s" in properties
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()));

    /** What Axon's Spring Boot support provides in the application. */
    @Configuration(proxyBeanMethods = false)
    static class Serializers {
        @Bean
        @Primary
        Serializer serializer() {
            return JacksonSerializer.defaultSerializer();
        }

        @Bean
        Serializer eventSerializer() {
            return JacksonSerializer.defaultSerializer();
        }
    }

    @Test
    void without_a_uri_the_embedded_database_runs_in_the_data_directory() {
        runner.withPropertyValues("klantspiegel.data-dir=" + dataDirectory).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(EmbeddedMongo.class);
            assertThat(context.getBean(WriteDurability.class)).isSameAs(context.getBean(EmbeddedMongo.class));
            assertThat(context).hasSingleBean(EventStorageEngine.class);
            assertThat(context).hasSingleBean(TokenStore.class);
            assertThat(context).hasSingleBean(ReadModelVersions.class);
            assertThat(dataDirectory.resolve("klantspiegel.mv.db")).exists();
            EmbeddedMongo embedded = context.getBean(EmbeddedMongo.class);
            assertThat(embedded.tcpAddress()).as("no port unless asked for").isEmpty();
            MongoClient client = context.getBean(MongoClient.class);
            assertThat(client.getClusterDescription().getClusterSettings().getHosts().get(0).getHost())
                    .as("the client reaches the in-JVM database")
                    .isEqualTo(new com.mongodb.ConnectionString(embedded.connectionString("x")).getHosts().get(0)
                            .replace(":27017", ""));
            assertThat(client.listDatabaseNames().into(new java.util.ArrayList<>())).isNotNull();
        });
    }

    @Test
    void the_embedded_database_listens_on_a_loopback_port_only_when_asked() {
        runner.withPropertyValues("klantspiegel.data-dir=" + dataDirectory, "klantspiegel.embedded-mongo.port=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EmbeddedMongo.class).tcpAddress())
                            .hasValueSatisfying(address -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
                });
    }

    @Test
    void a_configured_uri_is_used_unchanged_and_nothing_is_embedded() {
        try (EmbeddedMongo elsewhere = EmbeddedMongo.start(dataDirectory.resolve("elsewhere"), 0)) {
            String uri = elsewhere.tcpConnectionString("production").orElseThrow();
            runner.withPropertyValues("spring.data.mongodb.uri=" + uri,
                            "klantspiegel.data-dir=" + dataDirectory.resolve("unused"))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).doesNotHaveBean(EmbeddedMongo.class);
                        assertThat(context.getBean(WriteDurability.class)).isSameAs(WriteDurability.BY_WRITE_CONCERN);
                        MongoClient client = context.getBean(MongoClient.class);
                        assertThat(client.getClusterDescription().getClusterSettings().getHosts().get(0).getPort())
                                .isEqualTo(Integer.parseInt(uri.replaceAll(".*:(\\d+)/.*", "$1")));
                        assertThat(client.listDatabaseNames().into(new java.util.ArrayList<>())).contains("production");
                        assertThat(dataDirectory.resolve("unused")).doesNotExist();
                    });
        }
    }

    @Test
    void a_configured_uri_without_a_write_concern_writes_to_a_journaled_majority() {
        try (EmbeddedMongo elsewhere = EmbeddedMongo.start(dataDirectory.resolve("elsewhere"), 0)) {
            runner.withPropertyValues("spring.data.mongodb.uri=" + elsewhere.tcpConnectionString("production").orElseThrow())
                    .run(context -> assertThat(context.getBean(MongoClient.class).getDatabase("production")
                            .getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true)));
            runner.withPropertyValues("spring.data.mongodb.uri=" + elsewhere.tcpConnectionString("production").orElseThrow() + "?w=1")
                    .run(context -> assertThat(context.getBean(MongoClient.class).getDatabase("production")
                            .getWriteConcern()).isEqualTo(WriteConcern.W1));
        }
    }
}
