package nl.klantspiegel.application.violation;

import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.MyAccountUseCase;
import nl.klantspiegel.application.port.in.OrganisationView;

import java.util.List;

/** Deliberately wrong: a use case that finds the caller's membership itself, around the member gate. */
public class ApplicationAroundTheMemberGate implements MyAccountUseCase {

    private final OrganisationView organisation;

    ApplicationAroundTheMemberGate(OrganisationView organisation) {
        this.organisation = organisation;
    }

    @Override
    public AccountSummary me(Caller caller) {
        return new AccountSummary(caller.accountId(), "someone@example.org", false,
                organisation.membership(caller.accountId()).stream()
                        .map(membership -> AccountSummary.Organisation.of(membership, organisation.name())).toList());
    }
}
