package nl.klantspiegel.adapter.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import nl.klantspiegel.adapter.web.protection.ProblemWriter;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.nio.charset.StandardCharsets;

/**
 * What the servlet container shows when an error reaches it rather than Spring MVC (a request refused before
 * any controller, an error while writing): a problem for the API and for scripts, a short page for a person in a
 * browser. It replaces Spring Boot's error controller, which looks for an HTML view named "error" that this
 * product does not have (and logged kilobytes for each such request). {@code /error} itself is not a page.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<?> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null
                && number >= 400 ? HttpStatus.valueOf(number) : HttpStatus.NOT_FOUND;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (wantsPage(request, uri)) {
            return page(status);
        }
        ProblemDetail problem = ProblemWriter.problem(status, status == HttpStatus.NOT_FOUND ? "not-found" : "error",
                status.getReasonPhrase(), status == HttpStatus.NOT_FOUND ? "There is nothing at this address."
                        : status.is5xxServerError() ? "Something went wrong on our side."
                        : "The request could not be handled: " + status.getReasonPhrase() + ".");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A person in a browser, outside the API: a page rather than a problem document. */
    static boolean wantsPage(HttpServletRequest request, String path) {
        String accept = request.getHeader("Accept");
        return !path.startsWith("/api/") && !path.startsWith("/v3/") && !path.startsWith("/actuator/")
                && accept != null && accept.contains("text/html");
    }

    /** A fixed page in both languages: nothing from the request goes into it. */
    static ResponseEntity<String> page(HttpStatus status) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html(status));
    }

    private static String html(HttpStatus status) {
        boolean notFound = status == HttpStatus.NOT_FOUND;
        String dutch = notFound ? "Deze pagina bestaat niet." : "Dit verzoek kon niet worden verwerkt.";
        String english = notFound ? "This page does not exist." : "This request could not be handled.";
        return """
                <!doctype html>
                <html lang="nl">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%d – Klantspiegel</title>
                  <link rel="stylesheet" href="/css/klantspiegel.css">
                </head>
                <body>
                  <main class="page">
                    <h1 class="page-title">%d</h1>
                    <p>%s</p>
                    <p lang="en">%s</p>
                    <p><a href="/">Naar de zelftest / To the self-test</a></p>
                  </main>
                </body>
                </html>
                """.formatted(status.value(), status.value(), dutch, english);
    }
}
