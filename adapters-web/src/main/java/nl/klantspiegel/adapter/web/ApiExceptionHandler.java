package nl.klantspiegel.adapter.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import nl.klantspiegel.adapter.web.protection.ProblemWriter;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.ConcurrentChange;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.domain.account.PasswordPolicy;
import nl.klantspiegel.domain.assessment.AssessmentAlreadyCompleted;
import nl.klantspiegel.domain.assessment.AssessmentIncomplete;
import nl.klantspiegel.domain.instrument.InvalidAnswer;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.organisation.OrganisationRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every refusal as {@code application/problem+json} (RFC 9457), whatever the client accepts, with a detail that
 * says in the client's terms what is wrong: never a Java class, a parser setting or a stack trace. Spring's own
 * errors (malformed JSON, wrong types, unknown paths, wrong methods) come through the base class. One refused
 * request writes at most one short line to the log.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({InvalidAnswer.class, Language.UnsupportedLanguage.class, InvalidPathValue.class})
    ResponseEntity<Object> invalidInput(IllegalArgumentException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage()));
    }

    @ExceptionHandler(AssessmentNotFound.class)
    ResponseEntity<Object> notFound(AssessmentNotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, "assessment-not-found", "Assessment not found", e.getMessage()));
    }

    @ExceptionHandler(AssessmentAlreadyCompleted.class)
    ResponseEntity<Object> alreadyCompleted(AssessmentAlreadyCompleted e) {
        return respond(problem(HttpStatus.CONFLICT, "assessment-completed", "Assessment already completed",
                e.getMessage()));
    }

    @ExceptionHandler(AssessmentIncomplete.class)
    ResponseEntity<Object> incomplete(AssessmentIncomplete e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "assessment-incomplete", "Assessment not complete",
                e.getMessage());
        problem.setProperty("unanswered", e.unanswered());
        return respond(problem);
    }

    @ExceptionHandler(OrganisationRefused.class)
    ResponseEntity<Object> organisationRefused(OrganisationRefused e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
        };
        ProblemDetail problem = problem(status, e.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "Refused by the organisation's rules", e.getMessage());
        problem.setProperty("rule", e.rule().name());
        return respond(problem);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Object> accessDenied(AccessDenied e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }

    @ExceptionHandler(nl.klantspiegel.application.port.in.RebuildProjectionUseCase.RebuildRefused.class)
    ResponseEntity<Object> rebuildRefused(nl.klantspiegel.application.port.in.RebuildProjectionUseCase.RebuildRefused e) {
        return respond(problem(HttpStatus.CONFLICT, "rebuild-refused", "Rebuild refused", e.getMessage()));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Object> invalidRequest(InvalidRequest e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage()));
    }

    @ExceptionHandler(PasswordPolicy.WeakPassword.class)
    ResponseEntity<Object> weakPassword(PasswordPolicy.WeakPassword e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "weak-password", "Password too weak", e.getMessage()));
    }

    @ExceptionHandler(ConcurrentChange.class)
    ResponseEntity<Object> concurrentChange(ConcurrentChange e) {
        log.warn("Refused after repeated concurrent changes: {}", e.getMessage());
        return respond(problem(HttpStatus.CONFLICT, "concurrent-change", "Changed at the same moment",
                e.getMessage()));
    }

    @ExceptionHandler(ViewsCatchingUp.class)
    ResponseEntity<Object> catchingUp(ViewsCatchingUp e) {
        log.info(e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "views-catching-up", "Catching up", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; nothing you sent was lost if you got no error before."));
    }

    /** Spring's own problems too, with their content type set, so that no {@code Accept} header can refuse them. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpHeaders withType = new HttpHeaders();
        if (headers != null) {
            withType.putAll(headers);
        }
        withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, body, withType, status, request);
    }

    /** An address with nothing behind it: a page for a person in a browser, a problem for everyone else. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet
                && ProblemErrorController.wantsPage(servlet.getRequest(), servlet.getRequest().getRequestURI())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(ProblemErrorController.page(HttpStatus.NOT_FOUND)
                    .getHeaders()).body(ProblemErrorController.page(HttpStatus.NOT_FOUND).getBody());
        }
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is nothing at this address."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", describe(e)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "A parameter" : capitalised(e.getPropertyName());
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "a whole number" : "a valid value";
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                name + " must be " + expected + ", not '" + printable(String.valueOf(e.getValue())) + "'."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "The request body must be JSON (Content-Type: application/json); it came with " + sent + "."));
    }

    /** What is wrong with a body, in the terms of the JSON the client sent. */
    static String describe(HttpMessageNotReadableException e) {
        UnrecognizedPropertyException unknownField = causeOf(e, UnrecognizedPropertyException.class);
        if (unknownField != null) {
            return "Unknown field '" + printable(unknownField.getPropertyName()) + "'; expected only: "
                    + unknownField.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ".";
        }
        JsonEOFException endedEarly = causeOf(e, JsonEOFException.class);
        if (endedEarly != null) {
            return "The request body ends before its JSON is complete.";
        }
        JsonParseException syntax = causeOf(e, JsonParseException.class);
        if (syntax != null) {
            String message = String.valueOf(syntax.getOriginalMessage());
            String where = syntax.getLocation() == null ? "" : " (line " + syntax.getLocation().getLineNr()
                    + ", column " + syntax.getLocation().getColumnNr() + ")";
            if (message.startsWith("Duplicate field")) {
                return "The request body is not valid here: a field appears twice" + where + "; give each field once.";
            }
            return "The request body is not valid JSON" + where + ".";
        }
        MismatchedInputException mismatch = causeOf(e, MismatchedInputException.class);
        if (mismatch != null) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (field.isEmpty()) {
                return "The request body must be a JSON object, such as {\"option\": \"b\"}.";
            }
            return "The field '" + printable(field) + "' must be " + expectedKind(mismatch.getTargetType()) + ".";
        }
        if (causeOf(e, JsonMappingException.class) != null || causeOf(e, JsonProcessingException.class) != null) {
            return "The request body is not the JSON expected here.";
        }
        return "A JSON request body is required.";
    }

    private static String expectedKind(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type == String.class || type.isEnum()) {
            return "a text, such as \"b\"";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A value as the client sent it, short and without control characters. */
    static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
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
        return ProblemWriter.problem(status, type, title, detail);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
