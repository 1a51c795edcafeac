package nl.klantspiegel.boot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings as a node binds them: defaults in one place, relaxed names, and a value out of range refused. */
class KlantspiegelPropertiesTest {

    private static KlantspiegelProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("klantspiegel", KlantspiegelProperties.class);
    }

    @Test
    void nothing_set_gives_the_defaults() {
        KlantspiegelProperties settings = bind(Map.of());

        assertThat(settings.readYourWritesTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.aggregateCache().size()).isEqualTo(10_000);
        assertThat(settings.reports().releaseEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.reports().releaseTimer()).isTrue();
        assertThat(settings.rounds().scheduleEvery()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.projections().nodeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.projections().rebuildTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.projections().tick()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.operator().email()).isEmpty();
    }

    @Test
    void set_values_are_read_in_the_environments_spelling_too() {
        KlantspiegelProperties settings = bind(Map.of("klantspiegel.readYourWritesTimeout", "3s",
                "klantspiegel.reports.release-every", "PT15M", "klantspiegel.operator.password", "geheim wachtwoord",
                "klantspiegel.projections.node-timeout", "3s"));

        assertThat(settings.readYourWritesTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.reports().releaseEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.projections().nodeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.operator().toString()).doesNotContain("geheim");
    }

    @Test
    void a_value_out_of_range_is_refused_with_its_name() {
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.projections.node-timeout", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("projections.node-timeout");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.reports.release-every", "0s")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("klantspiegel.reports.release-every");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.aggregate-cache.size", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("aggregate-cache.size");
        assertThatThrownBy(() -> bind(Map.of("klantspiegel.read-your-writes-timeout", "-1s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("read-your-writes-timeout");
    }
}
