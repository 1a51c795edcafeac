package nl.klantspiegel.domain.export;

import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.TeamAdded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EventOwnershipTest {

    private static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");
    private static final Participation IN_ACME = new Participation("org-acme", "r-1", "t-1");
    private static final Function<String, Optional<Participation>> KNOWN =
            id -> Optional.ofNullable(Map.of("a-acme", IN_ACME).get(id));

    @Test
    void an_organisations_own_events_are_its_own() {
        assertThat(EventOwnership.organisationOf(new TeamAdded("org-acme", "t-1", "Sales", Actor.member("m"), AT), KNOWN))
                .contains("org-acme");
    }

    @Test
    void an_assessment_belongs_to_the_organisation_of_the_round_it_was_taken_in() {
        assertThat(EventOwnership.organisationOf(new AssessmentStarted("a-x", 1, Language.NL, AT, IN_ACME), id -> {
            throw new AssertionError("a start says where it was taken");
        })).contains("org-acme");
        assertThat(EventOwnership.organisationOf(new AnswerGiven("a-acme", 1, Option.A, AT), KNOWN)).contains("org-acme");
    }

    @Test
    void the_public_test_and_accounts_belong_to_no_organisation() {
        assertThat(EventOwnership.organisationOf(new AssessmentStarted("a-public", 1, Language.NL, AT), KNOWN)).isEmpty();
        assertThat(EventOwnership.organisationOf(new AnswerGiven("a-public", 1, Option.A, AT), KNOWN)).isEmpty();
        assertThat(EventOwnership.organisationOf(new AccountActivated("acc-1", AT), KNOWN)).isEmpty();
        assertThat(EventOwnership.organisationOf("anything else", KNOWN)).isEmpty();
    }
}
