package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.MyAccountUseCase;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The signed-in account as it sees itself: its address, whether it is the operator, its organisations and roles. */
public final class MyAccountService implements MyAccountUseCase {

    private final Accounts accounts;
    private final Memberships memberships;
    private final OrganisationViews organisations;

    public MyAccountService(Accounts accounts, Memberships memberships, OrganisationViews organisations) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
    }

    @Override
    public AccountSummary me(Caller caller) {
        Account account = accounts.find(caller.accountId()).orElseThrow(() -> new NotFound("The account"));
        List<AccountSummary.Organisation> organisations = memberships.of(account.id()).stream()
                .map(membership -> AccountSummary.Organisation.of(membership,
                        this.organisations.find(membership.organisationId()).map(view -> view.name()).orElse("")))
                .sorted(Comparator.comparing(AccountSummary.Organisation::name))
                .toList();
        return new AccountSummary(account.id(), account.email().value(), account.operator(), organisations);
    }
}
