package nl.klantspiegel.adapter.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.klantspiegel.adapter.web.protection.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/** Spring Security's refusals as problems: 401 without (valid) credentials, 429 when throttled, 403 otherwise. */
public final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;

    public ProblemResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof ThrottledSignIn throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            problems.write(response, ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many sign-in attempts", "There were too many failed tries; try again in " + seconds
                            + (seconds == 1 ? " second." : " seconds.")), false);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, request.getRequestURI().equals("/api/tokens")
                ? "Basic realm=\"Klantspiegel\"" : "Bearer realm=\"Klantspiegel\"");
        problems.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Not signed in", failure.getMessage() != null && failure instanceof org.springframework.security
                        .authentication.BadCredentialsException ? failure.getMessage()
                        : "Sign in first, or send 'Authorization: Bearer <token>' (a token from POST /api/tokens)."),
                false);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String detail = denied instanceof CsrfException
                ? "This request needs the CSRF token: send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN "
                + "header (or use an API token)."
                : "You may not do this.";
        problems.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN, denied instanceof CsrfException
                ? "csrf" : "forbidden", "Forbidden", detail), false);
    }
}
