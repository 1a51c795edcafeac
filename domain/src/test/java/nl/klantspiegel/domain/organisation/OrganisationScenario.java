package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The given/when/then harness for {@link Organisation}, and the people, teams and rounds the organisation tests talk
 * about: given these events, when this command, then exactly these events, nothing, or a refusal by this rule.
 */
final class OrganisationScenario {

    static final String ORG = "org-acme";
    static final String OTHER_ORG = "org-other";

    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    static final Instant T1 = T0.plus(Duration.ofHours(1));
    static final Instant T2 = T0.plus(Duration.ofHours(2));
    /** When the rounds of these tests close by themselves, if they do. */
    static final Instant CLOSES = T0.plus(Duration.ofDays(14));

    static final Actor OPERATOR = Actor.operator("operator-1");
    static final Actor ADMIN = Actor.member("m-admin");
    static final Actor SECOND_ADMIN = Actor.member("m-admin-2");
    static final Actor LEAD = Actor.member("m-lead");
    static final Actor ANALYST = Actor.member("m-analyst");
    static final Actor STRANGER = Actor.member("m-stranger");

    static final String SALES = "t-sales";
    static final String SERVICE = "t-service";
    static final String SUPPORT = "t-support";
    /** A team of {@link #OTHER_ORG}: no team of this organisation. */
    static final String FOREIGN_TEAM = "t-of-another-organisation";

    static final String ROUND = "r-spring";
    static final String ROUND_NAME = "Spring 2027";

    private OrganisationScenario() {
    }

    // ----- events, as an admin makes them at T0 ------------------------------------------------------

    static OrganisationRegistered registered() {
        return new OrganisationRegistered(ORG, "Acme", Organisation.DEFAULT_MINIMUM_GROUP_SIZE, OPERATOR, T0);
    }

    static MemberAdded firstAdmin() {
        return new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0);
    }

    static TeamAdded teamAdded(String teamId, String name) {
        return new TeamAdded(ORG, teamId, name, ADMIN, T0);
    }

    static TeamRenamed teamRenamed(String teamId, String name) {
        return new TeamRenamed(ORG, teamId, name, ADMIN, T0);
    }

    static TeamRetired teamRetired(String teamId) {
        return new TeamRetired(ORG, teamId, ADMIN, T0);
    }

    static MemberAdded memberAdded(Actor who, Role role, String... teams) {
        return new MemberAdded(ORG, who.id(), role, List.of(teams), ADMIN, T0);
    }

    static MemberChanged memberChanged(Actor who, Role role, String... teams) {
        return new MemberChanged(ORG, who.id(), role, List.of(teams), ADMIN, T0);
    }

    static MemberRemoved memberRemoved(Actor who) {
        return new MemberRemoved(ORG, who.id(), ADMIN, T0);
    }

    /** Round {@link #ROUND}, named {@link #ROUND_NAME}, with its invitation token "token-" + its id. */
    static RoundOpened roundOpened(Instant closesAt, String... teams) {
        return roundOpened(ROUND, closesAt, teams);
    }

    static RoundOpened roundOpened(String roundId, Instant closesAt, String... teams) {
        return new RoundOpened(ORG, roundId, ROUND_NAME, List.of(teams), closesAt, "token-" + roundId, ADMIN, T0);
    }

    static RoundClosed roundClosed(String roundId, Instant at) {
        return new RoundClosed(ORG, roundId, ADMIN, at);
    }

    static MinimumGroupSizeChanged minimumGroupSizeChanged(int size) {
        return new MinimumGroupSizeChanged(ORG, size, ADMIN, T0);
    }

    // ----- the harness --------------------------------------------------------------------------------

    /** Registered, with {@link #ADMIN} as its first admin. */
    static Given anOrganisationWithAnAdmin() {
        return given(registered(), firstAdmin());
    }

    /** Starts with the registration. */
    static Given given(OrganisationEvent... history) {
        return new Given(new ArrayList<>(Arrays.asList(history)));
    }

    static Organisation replay(List<OrganisationEvent> history) {
        Organisation state = Organisation.registeredWith((OrganisationRegistered) history.get(0));
        for (OrganisationEvent event : history.subList(1, history.size())) {
            state = state.evolve(event);
        }
        return state;
    }

    /** Asserts the call is refused by {@code rule}; the answer asserts on further, the message for one. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable call, Rule rule) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(OrganisationRefused.class,
                refused -> assertThat(refused.rule()).isEqualTo(rule));
    }

    record Given(List<OrganisationEvent> history) {

        Given and(OrganisationEvent... more) {
            history.addAll(Arrays.asList(more));
            return this;
        }

        Organisation state() {
            return replay(history);
        }

        When when(Function<Organisation, List<OrganisationEvent>> command) {
            return new When(state(), command);
        }
    }

    record When(Organisation state, Function<Organisation, List<OrganisationEvent>> command) {

        void then(OrganisationEvent... expected) {
            assertThat(command.apply(state)).containsExactly(expected);
        }

        void thenNothing() {
            assertThat(command.apply(state)).isEmpty();
        }

        AbstractThrowableAssert<?, ? extends Throwable> thenRefused(Rule rule) {
            return assertRefused(() -> command.apply(state), rule);
        }
    }
}
