package nl.klantspiegel.adapter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.ViewNotYetUpToDate;
import nl.klantspiegel.domain.assessment.AssessmentAlreadyCompleted;
import nl.klantspiegel.domain.assessment.AssessmentIncomplete;
import nl.klantspiegel.domain.instrument.InvalidAnswer;
import nl.klantspiegel.domain.instrument.Language;
import org.slf4j.Logger;
import org.springframework.beans.TypeMismatchException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * Every refusal as {@code application/problem+json} (RFC 9457) with a detail a person can act on. Spring's
 * own errors (malformed JSON, wrong types, unknown paths, wrong methods) come through the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String TYPES = "https://klantspiegel.nl/problems/";

    @ExceptionHandler({InvalidAnswer.class, Language.UnsupportedLanguage.class})
    ProblemDetail invalidInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
    }

    @ExceptionHandler(AssessmentNotFound.class)
    ProblemDetail notFound(AssessmentNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "assessment-not-found", "Assessment not found", e.getMessage());
    }

    @ExceptionHandler(AssessmentAlreadyCompleted.class)
    ProblemDetail alreadyCompleted(AssessmentAlreadyCompleted e) {
        return problem(HttpStatus.CONFLICT, "assessment-completed", "Assessment already completed", e.getMessage());
    }

    @ExceptionHandler(AssessmentIncomplete.class)
    ProblemDetail incomplete(AssessmentIncomplete e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "assessment-incomplete", "Assessment not complete",
                e.getMessage());
        problem.setProperty("unanswered", e.unanswered());
        return problem;
    }

    @ExceptionHandler(ViewNotYetUpToDate.class)
    ResponseEntity<ProblemDetail> viewBehind(ViewNotYetUpToDate e) {
        log.warn(e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "view-behind", "Saved, not yet visible",
                e.getMessage());
        problem.setProperty("assessmentId", e.id().value());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/assessments/{id}").buildAndExpand(e.id().value()).toUri())
                .body(problem);
    }

    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    ProblemDetail tooLarge(RequestBodyLimit.BodyTooLarge e) {
        return RequestBodyLimit.problem(e.limit());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; nothing you sent was lost if you got no error before.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyLimit.BodyTooLarge tooLarge = causeOf(e, RequestBodyLimit.BodyTooLarge.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(RequestBodyLimit.problem(tooLarge.limit()));
        }
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", describe(e)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "A parameter" : capitalised(e.getPropertyName());
        String expected = e.getRequiredType() == int.class || e.getRequiredType() == Integer.class
                ? "a whole number" : "of type " + e.getRequiredType();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                name + " must be " + expected + ", not '" + e.getValue() + "'."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", "Unsupported media type",
                "The request body must be JSON (Content-Type: application/json); it came with " + sent + "."));
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String describe(HttpMessageNotReadableException e) {
        UnrecognizedPropertyException unknownField = causeOf(e, UnrecognizedPropertyException.class);
        if (unknownField != null) {
            return "Unknown field '" + unknownField.getPropertyName() + "'; expected only: "
                    + unknownField.getKnownPropertyIds() + ".";
        }
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return "The request body is not the JSON expected here: " + json.getOriginalMessage();
        }
        return "A JSON request body is required.";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
