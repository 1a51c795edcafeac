package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.OrganisationsUseCase;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Organisations as a whole: the operator registers them; the operator and their members list them and read their
 * settings; the admins change the minimum group size. The {@code Organisation} aggregate decides, by its own rules.
 */
public final class OrganisationService implements OrganisationsUseCase {

    private final OrganisationGate gate;
    private final OrganisationCommands commands;
    private final OrganisationViews views;
    private final Memberships memberships;
    private final Clock clock;

    public OrganisationService(OrganisationGate gate, OrganisationCommands commands, OrganisationViews views,
                               Memberships memberships, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.views = Objects.requireNonNull(views, "views");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OrganisationSummary register(Caller operator, String name) {
        if (!operator.operator()) {
            throw new AccessDenied("Only the operator registers organisations.");
        }
        String id = UUID.randomUUID().toString();
        return summary(commands.send(id, new RegisterOrganisationCommand(id, name,
                Organisation.DEFAULT_MINIMUM_GROUP_SIZE, operator.actor(), clock.instant())));
    }

    @Override
    public List<OrganisationSummary> list(Caller caller) {
        gate.awaitCaughtUp();
        if (caller.operator()) {
            return views.all().stream()
                    .map(summary -> views.find(summary.id()).map(OrganisationService::summary).orElse(null))
                    .filter(Objects::nonNull)
                    .toList();
        }
        return memberships.of(caller.accountId()).stream()
                .map(membership -> views.find(membership.organisationId()).map(OrganisationService::summary))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public OrganisationSummary summary(Caller caller, String organisationId) {
        return summary(caller.operator() ? gate.existing(organisationId) : gate.member(caller, organisationId).view());
    }

    @Override
    public OrganisationSummary changeMinimumGroupSize(Caller caller, String organisationId, int minimumGroupSize) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        return summary(commands.send(organisationId, new ChangeMinimumGroupSizeCommand(organisationId,
                minimumGroupSize, admin.actor(), clock.instant())));
    }

    private static OrganisationSummary summary(OrganisationView view) {
        return new OrganisationSummary(view.id(), view.name(), view.minimumGroupSize(),
                (int) view.teams().stream().filter(team -> !team.retired()).count(), view.members().size(),
                view.members().stream().anyMatch(member -> member.role() == Role.ADMIN));
    }
}
