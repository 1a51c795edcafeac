package nl.klantspiegel.adapter.web.security;

import jakarta.servlet.http.HttpServletRequest;
import nl.klantspiegel.application.port.in.ApiTokensUseCase;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Personal API tokens: {@code Authorization: Bearer <token>}. The converter reads the header (and refuses any
 * other scheme, so HTTP Basic is not quietly ignored outside {@code /api/tokens}); the provider asks the use case
 * whose valid token it is.
 */
final class ApiTokenAuthentication {

    private ApiTokenAuthentication() {
    }

    /** A bearer token, not yet checked. */
    static final class Presented extends AbstractAuthenticationToken {
        private final String token;

        Presented(String token) {
            super(AuthorityUtils.NO_AUTHORITIES);
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "bearer";
        }
    }

    static final class Converter implements AuthenticationConverter {
        @Override
        public Authentication convert(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return null;
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Presented(header.substring(7).strip());
            }
            throw new BadCredentialsException("Only 'Authorization: Bearer <token>' is accepted here; a password is "
                    + "accepted only by POST /api/tokens.");
        }
    }

    static final class Provider implements AuthenticationProvider {
        private final ApiTokensUseCase tokens;

        Provider(ApiTokensUseCase tokens) {
            this.tokens = tokens;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            return tokens.authenticate(String.valueOf(authentication.getCredentials()))
                    .map(caller -> (Authentication) new CallerAuthentication(caller, "token"))
                    .orElseThrow(() -> new BadCredentialsException("This API token is not valid (unknown, revoked or "
                            + "expired)."));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Presented.class.isAssignableFrom(authentication);
        }
    }
}
