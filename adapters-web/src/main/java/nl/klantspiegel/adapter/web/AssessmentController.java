package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.AnswerQuestionUseCase;
import nl.klantspiegel.application.port.in.AssessmentHistoryQuery;
import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.CompleteAssessmentUseCase;
import nl.klantspiegel.application.port.in.StartAssessmentUseCase;
import nl.klantspiegel.application.port.in.ViewAssessmentQuery;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Language;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The respondent's API. Its answers are the respondent's alone: no cache may keep them. Spring Security marks
 * every response that sets no caching of its own {@code no-store} (SecurityConfiguration); they are not marked
 * here as well, which would send the header twice when the body was read before the request reached here.
 */
@RestController
@RequestMapping(path = "/api/assessments", produces = "application/json")
@Tag(name = "Assessments", description = "Take the test: start, answer, change answers, complete, see the result")
@ApiResponse(responseCode = "400", description = "Invalid input", content = @Content(
        mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
@ApiResponse(responseCode = "403", description = "A change the browser marks as cross-site (Sec-Fetch-Site)",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
@ApiResponse(responseCode = "408", description = "The request body did not arrive whole within the body timeout; "
        + "the connection is closed", content = @Content(mediaType = "application/problem+json",
        schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
@ApiResponse(responseCode = "413", description = "A request body over 2 KB", content = @Content(
        mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
@ApiResponse(responseCode = "415", description = "A body that is not JSON: changes take JSON or no body at all",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
@ApiResponse(responseCode = "503", description = "Saved but not yet visible, or the views are catching up after a "
        + "restart: ask again after Retry-After seconds", content = @Content(
        mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
class AssessmentController {

    private static final String LANG_DESCRIPTION =
            "Language of the texts in the result (nl or en); defaults to the assessment's language";

    private final StartAssessmentUseCase start;
    private final AnswerQuestionUseCase answer;
    private final CompleteAssessmentUseCase complete;
    private final ViewAssessmentQuery view;
    private final AssessmentHistoryQuery history;

    AssessmentController(StartAssessmentUseCase start, AnswerQuestionUseCase answer, CompleteAssessmentUseCase complete,
                         ViewAssessmentQuery view, AssessmentHistoryQuery history) {
        this.start = start;
        this.answer = answer;
        this.complete = complete;
        this.view = view;
        this.history = history;
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(consumes = {"application/json", "*/*"})
    @Operation(summary = "Start a new assessment",
            description = "The body is optional. The id in the answer (and the Location header) is the key to resume.")
    @ApiResponse(responseCode = "201", description = "Started")
    @ApiResponse(responseCode = "429", description = "Too many assessments started from this address; ask again "
            + "after Retry-After seconds", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<AssessmentResponse> start(@RequestBody(required = false) StartRequest request) {
        Language language = request == null || request.language() == null
                ? Language.NL : Language.fromCode(request.language());
        AssessmentView started = start.start(language);
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(started.id().value()).toUri();
        return ResponseEntity.created(location).body(AssessmentResponse.of(started, language));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One assessment: its answers so far and, once completed, the result")
    @ApiResponse(responseCode = "200", description = "Found")
    @ApiResponse(responseCode = "404", description = "No such assessment", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<AssessmentResponse> get(
            @PathVariable String id,
            @Parameter(description = LANG_DESCRIPTION) @RequestParam(required = false) String lang) {
        AssessmentId assessmentId = parse(id);
        Optional<Language> language = requestedLanguage(lang);
        AssessmentView found = view.view(assessmentId).orElseThrow(() -> new AssessmentNotFound(id));
        return ResponseEntity.ok(AssessmentResponse.of(found, language.orElse(found.language())));
    }

    @PutMapping(path = "/{id}/answers/{question}", consumes = "application/json")
    @Operation(summary = "Give or change the answer to a question (1-6)",
            description = "Giving the same option again changes nothing. Refused once the assessment is completed.")
    @ApiResponse(responseCode = "200", description = "The assessment with the answer in place")
    @ApiResponse(responseCode = "404", description = "No such assessment", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "The assessment is already completed", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<AssessmentResponse> answer(
            @PathVariable String id,
            @Parameter(description = "The question number, 1 to 6, written plainly", schema = @Schema(
                    type = "integer", minimum = "1", maximum = "6")) @PathVariable String question,
            @RequestBody AnswerRequest request,
            @Parameter(description = LANG_DESCRIPTION) @RequestParam(required = false) String lang) {
        int number = InvalidPathValue.questionNumber(question); // refused before anything is stored
        Optional<Language> language = requestedLanguage(lang);
        AssessmentView answered = answer.answer(parse(id), number, request.option());
        return ResponseEntity.ok(AssessmentResponse.of(answered, language.orElse(answered.language())));
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Complete the assessment and get the result",
            description = "Needs all six answers. Completing again gives the same result.")
    @ApiResponse(responseCode = "200", description = "The completed assessment with its result")
    @ApiResponse(responseCode = "404", description = "No such assessment", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "A question has no answer yet", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<AssessmentResponse> complete(
            @PathVariable String id,
            @Parameter(description = LANG_DESCRIPTION) @RequestParam(required = false) String lang) {
        Optional<Language> language = requestedLanguage(lang); // refused before anything is stored
        AssessmentView completed = complete.complete(parse(id));
        return ResponseEntity.ok(AssessmentResponse.of(completed, language.orElse(completed.language())));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The stored events of the assessment, oldest first")
    @ApiResponse(responseCode = "200", description = "The audit trail")
    @ApiResponse(responseCode = "404", description = "No such assessment", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = OpenApiConfiguration.PROBLEM_REF)))
    ResponseEntity<List<HistoryEntryResponse>> history(@PathVariable String id) {
        return ResponseEntity.ok(history.history(parse(id)).orElseThrow(() -> new AssessmentNotFound(id)).stream()
                .map(HistoryEntryResponse::of)
                .toList());
    }


    /** An id that is not even well-formed names no assessment. */
    private static AssessmentId parse(String id) {
        return AssessmentId.parse(id).orElseThrow(() -> new AssessmentNotFound(id));
    }

    /** The language asked for with {@code ?lang=}, if any; an unknown one is refused. */
    private static Optional<Language> requestedLanguage(String lang) {
        return Optional.ofNullable(lang).map(Language::fromCode);
    }
}
