package nl.klantspiegel.domain.organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names of organisations, teams and rounds as people write them in any script: composed to one form, the joiners
 * that scripts and emoji need kept, nothing invisible or controlling allowed, and names that look the same treated
 * as the same.
 */
class NameRulesTest {

    @Test
    void a_name_is_kept_in_its_composed_form() {
        String decomposed = "Cafe\u0301 Noord";
        assertThat(Organisation.validName(decomposed, "A team")).isEqualTo("Caf\u00e9 Noord");
    }

    @Test
    void the_joiners_that_scripts_and_emoji_need_are_kept() {
        assertThat(Organisation.validName("Team \uD83D\uDC69\u200D\uD83D\uDCBB", "A team"))
                .isEqualTo("Team \uD83D\uDC69\u200D\uD83D\uDCBB");
        assertThat(Organisation.validName("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "A team"))
                .contains("\u200C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sales\u001F", "\u001CSales", "Sa\u0007les", "\u200D", "\u200C\u200D"})
    void control_characters_anywhere_and_names_of_joiners_alone_are_refused(String name) {
        assertThatThrownBy(() -> Organisation.validName(name, "A team"))
                .isInstanceOf(OrganisationRefused.class)
                .hasMessage("A team needs a name of 1 to 100 characters, without control or invisible characters.");
    }

    @Test
    void names_that_look_the_same_are_the_same_team_name() {
        Actor admin = Actor.member("admin");
        java.time.Instant at = java.time.Instant.parse("2026-11-22T10:00:00Z");
        Organisation organisation = Organisation.registeredWith(new OrganisationRegistered("o", "O", 5,
                        Actor.operator("op"), at))
                .evolve(new MemberAdded("o", "admin", Role.ADMIN, List.of(), Actor.operator("op"), at))
                .evolve(new TeamAdded("o", "t1", "Caf\u00e9", admin, at))
                .evolve(new TeamAdded("o", "t2", "Dev\u200Dteam", admin, at));

        assertThatThrownBy(() -> organisation.addTeam("t3", "Cafe\u0301", admin, at))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.DUPLICATE_TEAM_NAME));
        assertThatThrownBy(() -> organisation.addTeam("t3", "devteam", admin, at))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.DUPLICATE_TEAM_NAME));
    }

    @Test
    void a_snapshot_without_teams_has_none() {
        assertThat(new Organisation.Member("m", Role.ANALYST, null).teams()).isEqualTo(Set.of());
        assertThat(new Organisation.Round("r", "R", null, null, null, null, "token").teams()).isEmpty();
    }
}
