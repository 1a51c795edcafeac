package nl.klantspiegel.boot;

import nl.klantspiegel.boot.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Starting assessments is limited per client address, with the product's default limits. */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "rate-test-data");
    }

    @LocalServerPort
    int port;

    @Test
    void an_office_behind_one_address_starts_a_round_together_a_flood_is_stopped() {
        ApiClient api = new ApiClient(port);
        // a hundred colleagues behind one address within a minute (here: within seconds): all pass
        for (int i = 0; i < 100; i++) {
            assertThat(api.post("/api/assessments", null).status()).as("start %d", i + 1).isEqualTo(201);
        }
        // a flood from that address: stopped at the limit (200 per hour)
        int accepted = 100;
        Response refused = null;
        for (int i = 0; i < 150 && refused == null; i++) {
            Response response = api.post("/api/assessments", null);
            if (response.status() == 201) {
                accepted++;
            } else {
                refused = response;
            }
        }
        assertThat(refused).as("a start refused after %d", accepted).isNotNull();
        assertThat(accepted).isBetween(200, 201); // one may have been refilled meanwhile
        assertProblem(refused, 429, "Too many assessments were started from your address; at most 200 per hour.");
        Response again = api.send(HttpRequest.newBuilder(api.uri("/api/assessments"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.retryAfter()).as("Retry-After in seconds").hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 18));

        // the rest of the API is not limited by it
        assertThat(api.get("/api/instrument").status()).isEqualTo(200);
    }
}
