package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.InvitationsUseCase;
import nl.klantspiegel.domain.instrument.Language;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * A round's invitation, for respondents (no credentials): whose round it is and which teams to choose from, and
 * starting the test through it. The assessment then records the organisation, round and team, never who.
 */
@RestController
@RequestMapping(path = "/api/invitations", produces = "application/json")
@Tag(name = "Invitations", description = "Taking the test through an organisation's invitation link")
class InvitationController {

    private final InvitationsUseCase invitations;

    InvitationController(InvitationsUseCase invitations) {
        this.invitations = invitations;
    }

    record StartThroughInvitation(@Schema(example = "nl") String language,
                                  @Schema(description = "The team chosen; may be left out when the round has one")
                                  String team) {
    }

    @GetMapping("/{token}")
    @Operation(summary = "The organisation and round of an invitation, its teams, and whether it is open",
            description = "An unknown or malformed token: 404.")
    InvitationsUseCase.Invitation invitation(@PathVariable String token) {
        return invitations.describe(token);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = "/{token}/assessments", consumes = {"application/json", "*/*"})
    @Operation(summary = "Start the test in this round, for a team",
            description = "Answers exactly like POST /api/assessments; a closed round: 409.")
    ResponseEntity<AssessmentResponse> start(@PathVariable String token,
                                             @RequestBody(required = false) StartThroughInvitation request) {
        Language language = request == null || request.language() == null
                ? Language.NL : Language.fromCode(request.language());
        AssessmentView started = invitations.start(token, language, request == null ? null : request.team());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/assessments/{id}").buildAndExpand(started.id().value()).toUri();
        return ResponseEntity.created(location).body(AssessmentResponse.of(started, language));
    }
}
