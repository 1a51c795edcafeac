package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md follows the settings' metadata, which Spring Boot's configuration processor makes from
 * {@code KlantspiegelProperties}, {@code WebSettings} and the persistence adapter's {@code PersistenceSettings} (each
 * jar has its own, found on the class path): every setting is in the table with its default.
 */
class ConfigurationDocTest {

    @Test
    void every_setting_in_the_metadata_is_in_the_configuration_table() throws Exception {
        List<JsonNode> properties = new ArrayList<>();
        for (URL file : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            new ObjectMapper().readTree(file).get("properties").forEach(properties::add);
        }
        assertThat(properties).extracting(property -> property.get("name").asText())
                .as("the web adapter's, the composition root's and the persistence adapter's settings")
                .contains("klantspiegel.api.max-body-size", "klantspiegel.read-your-writes-timeout",
                        "klantspiegel.node-id", "klantspiegel.projections.claim-timeout");
        String table = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> missing = new ArrayList<>();
        int settings = 0;
        for (JsonNode property : properties) {
            String name = property.get("name").asText();
            if (!name.startsWith("klantspiegel.")) {
                continue;
            }
            settings++;
            String last = name.substring(name.lastIndexOf('.'));
            String parent = name.substring(0, name.lastIndexOf('.'));
            boolean named = table.contains("`" + name + "`")
                    || table.contains("`" + parent) && table.contains("`" + last + "`");
            boolean withDefault = !property.has("defaultValue")
                    || table.contains("`" + property.get("defaultValue").asText() + "`")
                    || property.get("defaultValue").asText().isEmpty();
            if (!named || !withDefault) {
                missing.add(name + (named ? " (its default " + property.get("defaultValue") + ")" : ""));
            }
        }
        assertThat(settings).as("the metadata lists the product's settings").isGreaterThan(20);
        assertThat(missing).as("settings missing from docs/configuration.md").isEmpty();
    }
}
