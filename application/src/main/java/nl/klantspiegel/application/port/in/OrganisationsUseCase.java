package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Organisation;

import nl.klantspiegel.domain.organisation.Role;

import java.time.Instant;
import java.util.List;

/**
 * What an organisation's people and the operator do with it: register it, its teams, members and rounds. Every
 * method checks who asks: someone who is not a member (nor, where allowed, the operator) gets {@link NotFound}, a
 * member whose role does not allow it {@link AccessDenied}; the organisation itself refuses what breaks its rules
 * ({@code OrganisationRefused}).
 */
public interface OrganisationsUseCase {

    /** The operator registers an organisation. */
    OrganisationSummary register(Caller operator, String name);

    /** The operator: every organisation; anyone else: their own. */
    List<OrganisationSummary> list(Caller caller);

    /** An organisation's name and settings: its members, and the operator. */
    OrganisationSummary summary(Caller caller, String organisationId);

    OrganisationSummary changeMinimumGroupSize(Caller caller, String organisationId, int minimumGroupSize);

    /** Admins and analysts: every team; a team lead: the teams they lead. */
    List<TeamView> teams(Caller caller, String organisationId);

    TeamView addTeam(Caller caller, String organisationId, String name);

    TeamView renameTeam(Caller caller, String organisationId, String teamId, String name);

    TeamView retireTeam(Caller caller, String organisationId, String teamId);

    /** Admins: how many people a team has, for the response rates; null withdraws it. */
    TeamView setHeadcount(Caller caller, String organisationId, String teamId, Integer headcount);

    /** Admins only: members are named by e-mail address. */
    List<MemberView> members(Caller caller, String organisationId);

    /**
     * Adds a member by e-mail address (the operator: the first admin; after that the admins). A person without an
     * active account gets an activation link to be handed over.
     */
    NewMember addMember(Caller caller, String organisationId, String email, Role role, List<String> teams);

    MemberView changeMember(Caller caller, String organisationId, String memberId, Role role, List<String> teams);

    void removeMember(Caller caller, String organisationId, String memberId);

    /** A fresh activation link for a member who has not activated their account yet. */
    NewMember renewActivation(Caller caller, String organisationId, String memberId);

    /**
     * Admins and analysts: every round; a team lead: the rounds their teams take part in. The invitation is handed
     * out by the admins, and by a team lead for a round their team takes part in (to remind their people).
     */
    List<RoundView> rounds(Caller caller, String organisationId);

    /**
     * @param opensAt  when it begins to take assessments; null: at once
     * @param closesAt when it closes by itself; null: when an admin closes it
     */
    RoundView openRound(Caller caller, String organisationId, String name, List<String> teams, Instant opensAt,
                        Instant closesAt);

    RoundView closeRound(Caller caller, String organisationId, String roundId);

    record OrganisationSummary(String id, String name, int minimumGroupSize, int teams, int members, boolean hasAdmin) {
    }

    /** @param headcount how many people it has, as an admin said; null when unknown */
    record TeamView(String id, String name, boolean retired, @Nullable Integer headcount) {
    }

    /** @param email the member's address as it is now; null when the account was erased */
    record MemberView(String id, String email, Role role, List<String> teams, boolean active) {
        public MemberView {
            teams = List.copyOf(teams);
        }
    }

    /** A member just added; the activation token is there when the account still has to be activated. */
    record NewMember(MemberView member, String activationToken, Instant activationExpiresAt) {
    }

    /**
     * @param teams   the teams it covers; empty: the whole organisation
     * @param opensAt when it begins (or began) to take assessments: {@code openedAt} unless it was opened for later
     * @param status  SCHEDULED (waiting for {@code opensAt}), OPEN or CLOSED, now
     */
    record RoundView(String id, String name, List<String> teams, @Nullable Instant openedAt,
                     @Nullable Instant opensAt, @Nullable Instant closesAt,
                     @Nullable Instant closedAt, String status, @Nullable String invitationToken) {
        public RoundView {
            teams = List.copyOf(teams);
        }

        /** A round as it stands at {@code now}; its invitation token only when asked for (those who hand it out). */
        public static RoundView of(Organisation.Round round, Instant now, boolean withInvitation) {
            String status = round.isScheduledAt(now) ? "SCHEDULED" : round.isOpenAt(now) ? "OPEN" : "CLOSED";
            return new RoundView(round.id(), round.name(), round.teams(), round.openedAt(), round.opensAt(),
                    round.closesAt(), round.closedAt(), status, withInvitation ? round.invitationToken() : null);
        }
    }
}
