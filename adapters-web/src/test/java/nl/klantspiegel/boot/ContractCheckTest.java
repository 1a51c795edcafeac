package nl.klantspiegel.boot;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check every API test's responses pass through can fail: what the document does not say is caught. */
class ContractCheckTest {

    private static final String TEAMS = "/api/organisations/o-1/teams";

    private static HttpHeaders json() {
        return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
    }

    @Test
    void a_response_as_documented_passes_with_its_nullable_fields() {
        assertThatCode(() -> ContractCheck.check("GET", TEAMS, 200, json(),
                "[{\"id\":\"t\",\"name\":\"Sales\",\"retired\":false,\"headcount\":null}]")).doesNotThrowAnyException();
        assertThatCode(() -> ContractCheck.check("GET", "/api/session", 200, json(),
                "{\"signedIn\":false,\"account\":null}")).doesNotThrowAnyException();
    }

    @Test
    void a_field_of_the_wrong_type_a_status_not_listed_or_a_wrong_content_type_fails() {
        assertThatThrownBy(() -> ContractCheck.check("GET", TEAMS, 200, json(),
                "[{\"id\":\"t\",\"name\":\"Sales\",\"retired\":\"no\",\"headcount\":null}]"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/0/retired");
        assertThatThrownBy(() -> ContractCheck.check("GET", TEAMS, 418, json(), "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("validation.response.status.unknown");
        assertThatThrownBy(() -> ContractCheck.check("GET", TEAMS, 200,
                HttpHeaders.of(Map.of("Content-Type", List.of("text/plain")), (name, value) -> true), "[]"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("contentType");
        assertThatThrownBy(() -> ContractCheck.check("GET", "/api/session", 200, json(),
                "{\"signedIn\":true,\"account\":\"someone\"}")).isInstanceOf(AssertionError.class);
    }

    @Test
    void an_address_the_document_does_not_know_may_only_be_refused() {
        assertThatCode(() -> ContractCheck.check("GET", "/api/nothing-here", 404,
                HttpHeaders.of(Map.of("Content-Type", List.of("application/problem+json")), (name, value) -> true),
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"-\"}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractCheck.check("GET", "/api/nothing-here", 200, json(), "{}"))
                .isInstanceOf(AssertionError.class);
    }
}
