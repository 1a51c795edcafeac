package nl.klantspiegel.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import nl.klantspiegel.client.ApiClient;
import nl.klantspiegel.client.ApiException;
import nl.klantspiegel.client.api.AccountsApi;
import nl.klantspiegel.client.api.AssessmentsApi;
import nl.klantspiegel.client.api.InstrumentApi;
import nl.klantspiegel.client.api.OrganisationsApi;
import nl.klantspiegel.client.api.ReportsApi;
import nl.klantspiegel.client.model.AccountControllerTokenResponse;
import nl.klantspiegel.client.model.Answer;
import nl.klantspiegel.client.model.Assessment;
import nl.klantspiegel.client.model.Instrument;
import nl.klantspiegel.client.model.OrganisationControllerMemberRequest;
import nl.klantspiegel.client.model.OrganisationControllerMemberResponse;
import nl.klantspiegel.client.model.OrganisationControllerNameRequest;
import nl.klantspiegel.client.model.OrganisationControllerRoundRequest;
import nl.klantspiegel.client.model.OrganisationControllerRoundResponse;
import nl.klantspiegel.client.model.OrganisationsUseCaseOrganisationSummary;
import nl.klantspiegel.client.model.TeamsUseCaseTeamView;
import nl.klantspiegel.client.model.ParticipationControllerParticipationResponse;
import nl.klantspiegel.client.model.Problem;
import nl.klantspiegel.client.model.StartAssessment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What an integrator meets with a client generated from the committed OpenAPI document (OpenAPI Generator, Java,
 * in this build): it takes the test, signs in with a token, sets up an organisation, reads a report, and gets every
 * refusal as a typed problem — against the running product over HTTP. A document that does not describe what the
 * server does fails here.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.rate-limit.assessment-starts.capacity=3"})
class GeneratedClientTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "generated-client-test-data");
    }

    @LocalServerPort
    int port;

    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    private static Problem problem(ApiClient client, ApiException refused) throws JsonProcessingException {
        return client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    }

    @Test
    void a_generated_client_takes_the_test_and_meets_refusals_as_typed_problems() throws Exception {
        ApiClient anonymous = client(null);
        Instrument instrument = new InstrumentApi(anonymous).instrumentInstrument("en");
        assertThat(instrument.getQuestions()).hasSize(6);

        AssessmentsApi assessments = new AssessmentsApi(anonymous);
        Assessment started = assessments.assessmentStart(new StartAssessment().language("en"));
        assertThat(started.getStatus()).isEqualTo(Assessment.StatusEnum.IN_PROGRESS);
        assertThat(started.getLanguage()).isEqualTo(Assessment.LanguageEnum.EN);

        ApiException unanswered = catchThrowableOfType(ApiException.class,
                () -> assessments.assessmentComplete(started.getId(), null));
        assertThat(unanswered.getCode()).isEqualTo(409);
        assertThat(problem(anonymous, unanswered).getUnanswered()).containsExactly(1, 2, 3, 4, 5, 6);

        Assessment answered = null;
        for (int question = 1; question <= 6; question++) {
            answered = assessments.assessmentAnswer(started.getId(), question, new Answer().option("b"), "en");
        }
        assertThat(answered.getAnswers()).hasSize(6);
        Assessment completed = assessments.assessmentComplete(started.getId(), "en");
        assertThat(completed.getStatus()).isEqualTo(Assessment.StatusEnum.COMPLETED);
        assertThat(completed.getResult().getTotalScore()).isEqualTo(18);
        assertThat(assessments.assessmentHistory(started.getId())).hasSize(8);

        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> assessments.assessmentGet(UUID.randomUUID().toString(), null));
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(problem(anonymous, unknown).getType()).isEqualTo("https://klantspiegel.nl/problems/assessment-not-found");

        ApiException tooMany = null;
        for (int start = 0; start < 5 && tooMany == null; start++) {
            tooMany = catchThrowableOfType(ApiException.class, () -> assessments.assessmentStart(null));
        }
        assertThat(tooMany).as("the start limit (3 here) answers 429").isNotNull();
        assertThat(tooMany.getCode()).isEqualTo(429);
        assertThat(tooMany.getResponseHeaders().firstValue("Retry-After")).isPresent();
        assertThat(problem(anonymous, tooMany).getStatus()).isEqualTo(429);
    }

    @Test
    void a_generated_client_signs_in_with_a_token_and_sets_up_an_organisation() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((Organisations.OPERATOR_EMAIL + ":"
                + Organisations.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        AccountControllerTokenResponse token = new AccountsApi(client(basic)).accountCreateToken(null);
        assertThat(token.getToken()).isNotBlank();
        ApiClient operator = client("Bearer " + token.getToken());

        OrganisationsApi asOperator = new OrganisationsApi(operator);
        OrganisationsUseCaseOrganisationSummary organisation = asOperator.organisationRegister(
                new OrganisationControllerNameRequest().name("Gegenereerd " + UUID.randomUUID()));
        assertThat(organisation.getId()).isNotBlank();
        OrganisationControllerMemberResponse admin = asOperator.organisationAddMember(organisation.getId(),
                new OrganisationControllerMemberRequest().email("gen" + UUID.randomUUID() + "@example.nl")
                        .role("ADMIN"));
        assertThat(admin.getActivationToken()).as("the one-time link is not lost to a 200/201 mix-up").isNotBlank();
        ApiException notAllowed = catchThrowableOfType(ApiException.class, () -> asOperator.organisationAddTeam(
                organisation.getId(), new OrganisationControllerNameRequest().name("Balie")));
        assertThat(notAllowed.getCode()).isEqualTo(403);

        String adminPassword = "a generated client's admin password";
        new AccountsApi(client(null)).accountActivate(new nl.klantspiegel.client.model.AccountControllerActivation()
                .activationToken(admin.getActivationToken()).password(adminPassword));
        String adminBasic = "Basic " + Base64.getEncoder().encodeToString((admin.getEmail() + ":" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        ApiClient asAdmin = client("Bearer " + new AccountsApi(client(adminBasic)).accountCreateToken(null).getToken());
        OrganisationsApi organisations = new OrganisationsApi(asAdmin);
        TeamsUseCaseTeamView team = organisations.organisationAddTeam(organisation.getId(),
                new OrganisationControllerNameRequest().name("Balie"));
        assertThat(team.getName()).isEqualTo("Balie");
        OrganisationControllerRoundResponse round = organisations.organisationOpenRound(organisation.getId(),
                new OrganisationControllerRoundRequest().name("Winter").teams(List.of()));
        assertThat(round.getStatus()).isEqualTo("OPEN");
        assertThat(round.getInvitationUrl()).contains("/?invitation=");

        ParticipationControllerParticipationResponse participation = new ReportsApi(asAdmin)
                .participationParticipation(organisation.getId(), round.getId());
        assertThat(participation.getTeams()).hasSize(1);
        assertThat(participation.getTeams().get(0).getCompleted()).isZero();

        ApiException wrongToken = catchThrowableOfType(ApiException.class,
                () -> new OrganisationsApi(client("Bearer " + "x".repeat(43))).organisationList());
        assertThat(wrongToken.getCode()).isEqualTo(401);
    }
}
