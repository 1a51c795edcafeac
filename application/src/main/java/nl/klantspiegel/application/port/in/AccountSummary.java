package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Role;

import java.util.List;

/** The signed-in account as it sees itself: its address, whether it is the operator, its organisations. */
public record AccountSummary(String accountId, String email, boolean operator, List<Organisation> organisations) {

    public AccountSummary {
        organisations = List.copyOf(organisations);
    }

    public record Organisation(String id, String name, Role role, List<String> teams) {
        public Organisation {
            teams = List.copyOf(teams);
        }
    }
}
