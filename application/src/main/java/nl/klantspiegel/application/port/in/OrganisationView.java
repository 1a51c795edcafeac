package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation as its read model keeps it: a snapshot of the domain's state after {@code version + 1} events, so
 * that evolving it with the next event goes through the domain's own rules.
 */
public record OrganisationView(String id, String name, int minimumGroupSize, List<Organisation.Team> teams,
                               List<Organisation.Member> members, List<Organisation.Round> rounds, long version) {

    public OrganisationView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        teams = List.copyOf(teams);
        members = List.copyOf(members);
        rounds = List.copyOf(rounds);
    }

    public static OrganisationView of(Organisation organisation) {
        return new OrganisationView(organisation.id(), organisation.name(), organisation.minimumGroupSize(),
                organisation.teams(), organisation.members(), organisation.rounds(), organisation.version());
    }

    /** The domain's organisation in this state. */
    public Organisation organisation() {
        return Organisation.restore(id, name, minimumGroupSize, teams, members, rounds, version);
    }

    public Optional<Membership> membership(String memberId) {
        return organisation().membership(memberId);
    }

    public Optional<Organisation.Round> round(String roundId) {
        return rounds.stream().filter(round -> round.id().equals(roundId)).findFirst();
    }

    public Optional<Organisation.Team> team(String teamId) {
        return teams.stream().filter(team -> team.id().equals(teamId)).findFirst();
    }
}
