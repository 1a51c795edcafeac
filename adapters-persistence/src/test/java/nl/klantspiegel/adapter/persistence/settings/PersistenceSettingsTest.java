package nl.klantspiegel.adapter.persistence.settings;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistence adapter's settings as a node binds them: defaults here alone, and a value out of range refused. */
class PersistenceSettingsTest {

    private static PersistenceSettings bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("klantspiegel", PersistenceSettings.class);
    }

    @Test
    void nothing_set_gives_the_defaults() {
        PersistenceSettings settings = bind(Map.of());

        assertThat(settings.dataDir().toAbsolutePath()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.scorings()).isEqualTo(settings.dataDir().resolve("scorings"));
        assertThat(settings.cluster()).isFalse();
        assertThat(settings.nodeId()).isEmpty();
        assertThat(settings.cleanupEvery()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.embeddedMongo().port()).isNull();
        assertThat(settings.eventStore().batchSize()).isEqualTo(500);
        assertThat(settings.projections().claimTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void set_values_are_read_and_the_scorings_follow_the_data_directory_unless_set() {
        PersistenceSettings settings = bind(Map.of("klantspiegel.data-dir", "/srv/ks", "klantspiegel.cluster", "true",
                "klantspiegel.embedded-mongo.port", "0", "klantspiegel.projections.claim-timeout", "20s",
                "klantspiegel.node-id", "node-a"));

        assertThat(settings.scorings()).isEqualTo(Path.of("/srv/ks/scorings"));
        assertThat(settings.cluster()).isTrue();
        assertThat(settings.embeddedMongo().port()).isZero();
        assertThat(settings.projections().claimTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.nodeId()).isEqualTo("node-a");
        assertThat(bind(Map.of("klantspiegel.scorings-dir", "/srv/scorings")).scorings())
                .isEqualTo(Path.of("/srv/scorings"));
    }

    @Test
    void a_value_out_of_range_is_refused_with_its_name() {
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.event-store.batch-size", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("event-store.batch-size");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.embedded-mongo.port", "65536")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("embedded-mongo.port");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.embedded-mongo.port", "-1")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("embedded-mongo.port");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.projections.claim-timeout", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("projections.claim-timeout");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.cleanup-every", "-1m")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("cleanup-every");
    }
}
