package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;

/**
 * The thin Axon shell around the pure {@link Organisation}: every command asks the domain, which decides (and
 * refuses) by itself, and the events it answers are applied. Each handler answers the organisation as the command left
 * it and what it applied ({@link OrganisationChange}), so that the use case can write the read models through before it
 * answers: any node then reads its own writes.
 */
public class OrganisationAggregate {

    @AggregateIdentifier
    private String organisationId;
    private Organisation organisation;

    /** For Axon, to rebuild the aggregate from its events. */
    protected OrganisationAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public OrganisationChange handle(RegisterOrganisationCommand command) {
        return applyAll(List.of(Organisation.register(command.organisationId(), command.name(),
                command.minimumGroupSize(), command.by(), command.at())));
    }

    @CommandHandler
    public OrganisationChange handle(AddTeamCommand command) {
        return applyAll(organisation.addTeam(command.teamId(), command.name(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(RenameTeamCommand command) {
        return applyAll(organisation.renameTeam(command.teamId(), command.name(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(RetireTeamCommand command) {
        return applyAll(organisation.retireTeam(command.teamId(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(AddMemberCommand command) {
        return applyAll(organisation.addMember(command.memberId(), command.role(), command.teams(), command.by(),
                command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(ChangeMemberCommand command) {
        return applyAll(organisation.changeMember(command.memberId(), command.role(), command.teams(), command.by(),
                command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(RemoveMemberCommand command) {
        return applyAll(organisation.removeMember(command.memberId(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(OpenRoundCommand command) {
        return applyAll(organisation.openRound(command.roundId(), command.name(), command.teams(), command.opensAt(),
                command.closesAt(), command.invitationToken(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(CloseRoundCommand command) {
        return applyAll(organisation.closeRound(command.roundId(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(KeepScheduleCommand command) {
        return applyAll(organisation.keepSchedule(command.now()));
    }

    @CommandHandler
    public OrganisationChange handle(SetHeadcountCommand command) {
        return applyAll(organisation.setHeadcount(command.teamId(), command.headcount(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(ChangeMinimumGroupSizeCommand command) {
        return applyAll(organisation.changeMinimumGroupSize(command.minimumGroupSize(), command.by(), command.at()));
    }

    @CommandHandler
    public OrganisationChange handle(RecordExportCommand command) {
        return applyAll(organisation.recordExport(command.exportId(), command.kind(), command.filter(),
                command.records(), command.lastHash(), command.complete(), command.by(), command.at()));
    }

    /** Changes nothing: the organisation only says whether, and where, a respondent may start. */
    @CommandHandler
    public Participation handle(AdmitRespondentCommand command) {
        return organisation.admit(command.roundId(), command.teamId(), command.at());
    }

    private OrganisationChange applyAll(List<OrganisationEvent> events) {
        events.forEach(AggregateLifecycle::apply);
        return new OrganisationChange(OrganisationView.of(organisation), events);
    }

    @EventSourcingHandler
    void on(OrganisationEvent event) {
        organisation = event instanceof OrganisationRegistered registered
                ? Organisation.registeredWith(registered)
                : organisation.evolve(event);
        organisationId = organisation.id();
    }
}
