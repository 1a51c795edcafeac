package nl.klantspiegel.adapter.web.security;

import nl.klantspiegel.application.port.in.SignInUseCase;
import nl.klantspiegel.application.port.in.SignInRefused;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks an e-mail address and password through the sign-in use case, which throttles and records the attempt.
 * Whatever went wrong, the answer is the same ({@link BadCredentialsException}), except when the caller is throttled.
 */
final class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final SignInUseCase accounts;

    PasswordAuthenticationProvider(SignInUseCase accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        try {
            return new CallerAuthentication(accounts.signIn(String.valueOf(authentication.getPrincipal()),
                    String.valueOf(authentication.getCredentials()), address), "password");
        } catch (SignInRefused refused) {
            if (refused.retryAfter().isPresent()) {
                throw new ThrottledSignIn(refused.retryAfter().get());
            }
            throw new BadCredentialsException(refused.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
