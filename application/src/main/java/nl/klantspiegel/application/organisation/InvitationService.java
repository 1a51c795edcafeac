package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.account.Secrets;
import nl.klantspiegel.application.assessment.AssessmentService;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.InvitationsUseCase;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.organisation.Organisation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A round's invitation, as a respondent follows it: what it is for (the organisation, the round, whether it is open,
 * the teams to choose from), and starting an assessment in it, which the organisation admits (its round open, the team
 * one of the round's) before the assessment begins. Anyone with the link may; nothing about them is asked or kept.
 */
public final class InvitationService implements InvitationsUseCase {

    private final CommandGateway commands;
    private final OrganisationViews views;
    private final Invitations invitations;
    private final AssessmentService assessments;
    private final OrganisationGate gate;
    private final Clock clock;

    public InvitationService(CommandGateway commands, OrganisationViews views, Invitations invitations,
                             AssessmentService assessments, OrganisationGate gate, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.views = Objects.requireNonNull(views, "views");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.assessments = Objects.requireNonNull(assessments, "assessments");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Invitation describe(String token) {
        Invitations.Invitation invitation = invitation(token);
        OrganisationView view = Optional.of(invitation.organisationId()).flatMap(views::find)
                .orElseThrow(() -> new NotFound("This invitation"));
        Organisation organisation = view.organisation();
        Organisation.Round round = organisation.findRound(invitation.roundId())
                .orElseThrow(() -> new NotFound("This invitation"));
        List<Team> teams = organisation.teamsToChooseFrom(round.id()).stream()
                .map(team -> new Team(team.id(), team.name()))
                .toList();
        Instant now = clock.instant();
        return new Invitation(view.name(), round.name(), round.isOpenAt(now), teams, view.minimumGroupSize(),
                round.isScheduledAt(now) ? round.opensAt() : null);
    }

    @Override
    public AssessmentView start(String token, Language language, String teamId) {
        Invitations.Invitation invitation = invitation(token);
        Participation participation;
        try {
            participation = commands.sendAndWait(new AdmitRespondentCommand(invitation.organisationId(),
                    invitation.roundId(), teamId, clock.instant()));
        } catch (AggregateNotFoundException unknown) {
            throw new NotFound("This invitation");
        }
        return assessments.startIn(Objects.requireNonNull(participation, "the organisation answers with a place"),
                language);
    }

    /** The invitation of a token, once the views show every event stored before a restart. */
    private Invitations.Invitation invitation(String token) {
        gate.awaitCaughtUp();
        return Optional.ofNullable(token)
                .filter(Secrets::looksLikeToken)
                .flatMap(invitations::find)
                .orElseThrow(() -> new NotFound("This invitation"));
    }
}
