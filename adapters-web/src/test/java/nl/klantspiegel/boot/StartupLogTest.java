package nl.klantspiegel.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer reads when the product starts on its embedded database: a few lines, none of them a warning, that
 * say which database, where to open it, that it is ready and in how long, and the operator's one-time setup link.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.test.context=startup-log"})
@ExtendWith(OutputCaptureExtension.class)
class StartupLogTest {

    /** A log line as Spring Boot's console pattern writes it: an ISO time, then the level. */
    private static final String LINE = "^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*";

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "startup-log-test-data");
    }

    @LocalServerPort
    int port;

    @Test
    void a_start_says_in_a_few_lines_what_a_newcomer_needs_and_warns_of_nothing(CapturedOutput output) {
        List<String> lines = output.toString().lines().filter(line -> line.matches(LINE)).toList();

        assertThat(lines).as("the start's log lines").hasSizeLessThanOrEqualTo(8)
                .noneMatch(line -> line.matches("^\\S+\\s+(WARN|ERROR)\\s.*"));
        assertThat(lines).anyMatch(line -> line.contains("Klantspiegel ") && line.contains(" ready in ")
                && line.contains("at http://localhost:" + port + "/") && line.contains("database: embedded, ")
                && line.contains("klantspiegel.mv.db"));
        assertThat(lines).anyMatch(line -> line.contains("There is no operator yet. Create one, once, with this link")
                && line.contains("http://localhost:" + port + "/beheer/#/installatie/"));
        assertThat(lines).anyMatch(line -> line.contains("Embedded MongoDB started"));
    }

    @Test
    void a_mongodb_address_is_named_without_its_credentials() {
        assertThat(StartupLog.withoutCredentials("mongodb://klant:geheim@db1:27017,db2/klantspiegel?replicaSet=rs0"))
                .isEqualTo("mongodb://db1:27017,db2/klantspiegel");
        assertThat(StartupLog.withoutCredentials("mongodb+srv://u:p@cluster.example.net/klantspiegel"))
                .isEqualTo("mongodb+srv://cluster.example.net/klantspiegel");
        assertThat(StartupLog.withoutCredentials("mongodb://db1/klantspiegel")).isEqualTo("mongodb://db1/klantspiegel");
    }
}
