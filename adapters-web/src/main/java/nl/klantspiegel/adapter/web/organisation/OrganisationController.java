package nl.klantspiegel.adapter.web.organisation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.adapter.web.PublicLinks;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.Nullable;
import nl.klantspiegel.application.port.in.OrganisationsUseCase;
import nl.klantspiegel.application.port.in.OrganisationsUseCase.OrganisationSummary;
import nl.klantspiegel.application.port.in.MembersUseCase;
import nl.klantspiegel.application.port.in.MembersUseCase.MemberView;
import nl.klantspiegel.application.port.in.MembersUseCase.NewMember;
import nl.klantspiegel.application.port.in.RoundsUseCase;
import nl.klantspiegel.application.port.in.RoundsUseCase.RoundView;
import nl.klantspiegel.application.port.in.TeamsUseCase;
import nl.klantspiegel.application.port.in.TeamsUseCase.TeamView;
import nl.klantspiegel.domain.organisation.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An organisation: registering it (the operator), its teams, members and rounds. Everything lives under
 * {@code /api/organisations/{organisationId}}; the use cases decide who may (401 without credentials, 403 for a role
 * that may not, 404 for anyone outside the organisation).
 */
@RestController
@Tag(name = "Organisations", description = "Organisations, their teams, members and measurement rounds")
class OrganisationController {

    private static final String BASE = "/api/organisations";

    private final OrganisationsUseCase organisations;
    private final TeamsUseCase teams;
    private final MembersUseCase members;
    private final RoundsUseCase rounds;
    private final PublicLinks links;

    OrganisationController(OrganisationsUseCase organisations, TeamsUseCase teams, MembersUseCase members,
                           RoundsUseCase rounds, PublicLinks links) {
        this.organisations = organisations;
        this.teams = teams;
        this.members = members;
        this.rounds = rounds;
        this.links = links;
    }

    record NameRequest(@Schema(example = "Klantenservice") String name) {
    }

    record MinimumGroupSizeRequest(@Schema(example = "5") Integer minimumGroupSize) {
    }

    record MemberRequest(@Schema(example = "anna@example.nl") String email,
                         @Schema(example = "TEAM_LEAD") String role, List<String> teams) {
    }

    record MemberChange(String role, List<String> teams) {
    }

    record MemberResponse(String id, String email, Role role, List<String> teams, boolean active,
                          @Nullable String activationUrl, @Nullable String activationToken,
                          @Nullable Instant activationExpiresAt) {
    }

    record RoundRequest(@Schema(example = "Najaar 2026") String name,
                        @Schema(description = "Team ids; empty or absent: the whole organisation") List<String> teams,
                        @Schema(description = "Optional: when it stops taking new assessments by itself (after it "
                                + "opens); the product then closes it and records that in the audit trail")
                        Instant closesAt,
                        @Schema(description = "Optional: when it begins to take assessments, at most 366 days ahead; "
                                + "absent or not later than now: at once. The product records the beginning in the "
                                + "audit trail; the invitation can be handed out before.")
                        Instant opensAt) {
    }

    /** @param status SCHEDULED (waiting for opensAt), OPEN or CLOSED */
    record RoundResponse(String id, String name, List<String> teams, @Nullable Instant openedAt,
                         @Nullable Instant closesAt,
                         @Nullable Instant closedAt, String status, @Nullable String invitationUrl,
                         @Nullable String invitationToken,
                         @Nullable Instant opensAt) {
    }

    record HeadcountRequest(@Schema(example = "12", nullable = true,
            description = "How many people the team has (1 to 100000); null withdraws it") Integer headcount) {
    }

    // ----- organisations ------------------------------------------------------------------------------

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = BASE, consumes = "application/json", produces = "application/json")
    @Operation(summary = "Register an organisation (the operator)")
    ResponseEntity<OrganisationSummary> register(@AuthenticationPrincipal Caller caller,
                                                 @RequestBody NameRequest request) {
        OrganisationSummary registered = organisations.register(caller, request.name());
        return ResponseEntity.created(location("/{id}", registered.id())).body(registered);
    }

    @GetMapping(path = BASE, produces = "application/json")
    @Operation(summary = "The operator: every organisation; a member: their own")
    List<OrganisationSummary> list(@AuthenticationPrincipal Caller caller) {
        return organisations.list(caller);
    }

    @GetMapping(path = BASE + "/{organisationId}", produces = "application/json")
    @Operation(summary = "An organisation's name and settings")
    OrganisationSummary organisation(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId) {
        return organisations.summary(caller, organisationId);
    }

    @PutMapping(path = BASE + "/{organisationId}/minimum-group-size", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Change the smallest group reports may show (at least 3; lowered only before the first "
            + "round)")
    OrganisationSummary minimumGroupSize(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                         @RequestBody MinimumGroupSizeRequest request) {
        if (request.minimumGroupSize() == null) {
            throw new InvalidRequest("minimumGroupSize is required.");
        }
        return organisations.changeMinimumGroupSize(caller, organisationId, request.minimumGroupSize());
    }

    // ----- teams --------------------------------------------------------------------------------------

    @GetMapping(path = BASE + "/{organisationId}/teams", produces = "application/json")
    @Operation(summary = "The teams (a team lead: their own)")
    List<TeamView> teams(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId) {
        return teams.teams(caller, organisationId);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = BASE + "/{organisationId}/teams", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Add a team (admins)")
    ResponseEntity<TeamView> addTeam(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                     @RequestBody NameRequest request) {
        TeamView team = teams.addTeam(caller, organisationId, request.name());
        return ResponseEntity.created(location("/{id}", team.id())).body(team);
    }

    @PutMapping(path = BASE + "/{organisationId}/teams/{teamId}", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Rename a team (admins)")
    TeamView renameTeam(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                        @PathVariable String teamId, @RequestBody NameRequest request) {
        return teams.renameTeam(caller, organisationId, teamId, request.name());
    }

    @PutMapping(path = BASE + "/{organisationId}/teams/{teamId}/headcount", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Say how many people a team has, for the rounds' response rates (admins; in the audit trail)")
    TeamView headcount(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                       @PathVariable String teamId, @RequestBody HeadcountRequest request) {
        return teams.setHeadcount(caller, organisationId, teamId, request.headcount());
    }

    @PostMapping(path = BASE + "/{organisationId}/teams/{teamId}/retirement", produces = "application/json")
    @Operation(summary = "Retire a team: it takes part in no new round (admins)")
    TeamView retireTeam(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                        @PathVariable String teamId) {
        return teams.retireTeam(caller, organisationId, teamId);
    }

    // ----- members ------------------------------------------------------------------------------------

    @GetMapping(path = BASE + "/{organisationId}/members", produces = "application/json")
    @Operation(summary = "The members, by e-mail address (admins)")
    List<MemberResponse> members(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId) {
        return members.members(caller, organisationId).stream().map(member -> member(member, null)).toList();
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = BASE + "/{organisationId}/members", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Add a member by e-mail address (the operator: the first admin; after that the admins)",
            description = "For a person without an active account the answer holds a one-time activation link "
                    + "(valid 7 days) to hand over; there is no mail.")
    ResponseEntity<MemberResponse> addMember(@AuthenticationPrincipal Caller caller,
                                             @PathVariable String organisationId,
                                             @RequestBody MemberRequest request) {
        NewMember added = members.addMember(caller, organisationId, request.email(), role(request.role()),
                request.teams());
        return ResponseEntity.created(location("/{id}", added.member().id())).body(member(added.member(), added));
    }

    @PutMapping(path = BASE + "/{organisationId}/members/{memberId}", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Change a member's role or teams (admins)")
    MemberResponse changeMember(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                @PathVariable String memberId, @RequestBody MemberChange request) {
        return member(members.changeMember(caller, organisationId, memberId, role(request.role()),
                request.teams()), null);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @DeleteMapping(path = BASE + "/{organisationId}/members/{memberId}")
    @Operation(summary = "Remove a member (admins; never the last admin)")
    ResponseEntity<Void> removeMember(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                      @PathVariable String memberId) {
        members.removeMember(caller, organisationId, memberId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = BASE + "/{organisationId}/members/{memberId}/activation", produces = "application/json")
    @Operation(summary = "A fresh activation link for a member who has not activated yet (admins)")
    MemberResponse renewActivation(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                   @PathVariable String memberId) {
        NewMember renewed = members.renewActivation(caller, organisationId, memberId);
        return member(renewed.member(), renewed);
    }

    private MemberResponse member(MemberView member, NewMember added) {
        String token = added == null ? null : added.activationToken();
        return new MemberResponse(member.id(), member.email(), member.role(), member.teams(), member.active(),
                token == null ? null : links.activation(token), token,
                added == null ? null : added.activationExpiresAt());
    }

    private static Role role(String role) {
        if (role == null) {
            throw new InvalidRequest("A member needs a role: ADMIN, TEAM_LEAD or ANALYST.");
        }
        try {
            return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequest("Role '" + role + "' does not exist; choose ADMIN, TEAM_LEAD or ANALYST.");
        }
    }

    // ----- rounds -------------------------------------------------------------------------------------

    @GetMapping(path = BASE + "/{organisationId}/rounds", produces = "application/json")
    @Operation(summary = "The rounds (a team lead: those of their teams); the invitation for admins, and for a team "
            + "lead that of their teams' rounds")
    List<RoundResponse> rounds(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId) {
        return rounds.rounds(caller, organisationId).stream().map(this::round).toList();
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = BASE + "/{organisationId}/rounds", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Open a measurement round with its invitation link, at once or for a later moment (admins)")
    ResponseEntity<RoundResponse> openRound(@AuthenticationPrincipal Caller caller,
                                            @PathVariable String organisationId,
                                            @RequestBody RoundRequest request) {
        RoundView round = rounds.openRound(caller, organisationId, request.name(), request.teams(),
                request.opensAt(), request.closesAt());
        return ResponseEntity.status(HttpStatus.CREATED).location(location("/{id}", round.id())).body(round(round));
    }

    @PostMapping(path = BASE + "/{organisationId}/rounds/{roundId}/closure", produces = "application/json")
    @Operation(summary = "Close a round now: it starts no new assessments (admins)",
            description = "Assessments started before may still be finished.")
    RoundResponse closeRound(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                             @PathVariable String roundId) {
        return round(rounds.closeRound(caller, organisationId, roundId));
    }

    private RoundResponse round(RoundView round) {
        String token = round.invitationToken();
        return new RoundResponse(round.id(), round.name(), round.teams(), round.openedAt(), round.closesAt(),
                round.closedAt(), round.status(), token == null ? null : links.invitation(token), token,
                round.opensAt());
    }

    private static URI location(String path, String id) {
        return ServletUriComponentsBuilder.fromCurrentRequest().path(path).buildAndExpand(id).toUri();
    }
}
