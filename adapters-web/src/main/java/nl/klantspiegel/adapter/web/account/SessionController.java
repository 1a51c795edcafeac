package nl.klantspiegel.adapter.web.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import nl.klantspiegel.adapter.web.security.ProblemResponses;
import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.MyAccountUseCase;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.Nullable;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's session: who is signed in, signing in (e-mail address and password, as JSON), signing out. Asking
 * who is signed in also hands the browser its CSRF token (the {@code XSRF-TOKEN} cookie).
 */
@RestController
@RequestMapping(path = "/api/session", produces = "application/json")
@Tag(name = "Session", description = "Signing in and out in the browser")
class SessionController {

    private final MyAccountUseCase accounts;
    private final AuthenticationManager passwordAuthentication;
    private final SecurityContextRepository contexts;
    private final ProblemResponses problems;

    SessionController(MyAccountUseCase accounts, AuthenticationManager passwordAuthentication,
                      SecurityContextRepository contexts, ProblemResponses problems) {
        this.accounts = accounts;
        this.passwordAuthentication = passwordAuthentication;
        this.contexts = contexts;
        this.problems = problems;
    }

    /** A failed sign-in: 401 with one message for every reason, or 429 when throttled. */
    @ExceptionHandler(AuthenticationException.class)
    void refused(AuthenticationException failure, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        problems.commence(request, response, failure);
    }

    record SignIn(String email, String password) {
        @Override
        public String toString() {
            return "SignIn[" + email + "]"; // never the password
        }
    }

    record SessionResponse(boolean signedIn, @Nullable AccountSummary account) {
    }

    @GetMapping
    @Operation(summary = "Who is signed in (and the CSRF token as the XSRF-TOKEN cookie)")
    SessionResponse current(@AuthenticationPrincipal Caller caller, CsrfToken csrf) {
        csrf.getToken(); // makes the repository write the cookie
        return caller == null ? new SessionResponse(false, null) : new SessionResponse(true, accounts.me(caller));
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Sign in with e-mail address and password; needs the CSRF token",
            description = "One answer for every failure (401); 429 with Retry-After after too many failed tries.")
    SessionResponse signIn(@RequestBody SignIn signIn, HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                signIn.email() == null ? "" : signIn.email(), signIn.password() == null ? "" : signIn.password());
        attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
        Authentication authenticated = passwordAuthentication.authenticate(attempt);
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate(); // a new session for the signed-in account: no fixation
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        Caller caller = (Caller) authenticated.getPrincipal();
        return new SessionResponse(true, accounts.me(caller));
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @PostMapping("/sign-out")
    @Operation(summary = "Sign out; needs the CSRF token")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }
}
