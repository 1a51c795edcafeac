package nl.klantspiegel.adapter.web.security;

import jakarta.servlet.http.HttpServletRequest;
import nl.klantspiegel.adapter.web.protection.ProblemWriter;
import nl.klantspiegel.application.port.in.SignInUseCase;
import nl.klantspiegel.application.port.in.ApiTokensUseCase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.List;

/**
 * Who may call what, and the headers every response carries.
 *
 * <ul>
 *   <li><b>Respondents</b> are anonymous: the test, the invitations, activating an account and setting up the
 *   operator need no credentials. These endpoints take JSON (or no body) only and refuse requests a browser marks as
 *   cross-site ({@code RespondentRequestGuard}), so they need no CSRF token.</li>
 *   <li><b>The browser</b> signs in with {@code POST /api/session} (e-mail address and password, as JSON) and then
 *   carries a session cookie ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} behind HTTPS). Every request
 *   that changes something needs the CSRF token: the value of the {@code XSRF-TOKEN} cookie in the
 *   {@code X-XSRF-TOKEN} header, which a page on another site cannot read.</li>
 *   <li><b>Scripts</b> send {@code Authorization: Bearer <token>}; such a request needs no CSRF token (a cross-site
 *   page cannot send that header). {@code POST /api/tokens} alone accepts HTTP Basic (e-mail address and password);
 *   everywhere else Basic is refused.</li>
 *   <li>Without credentials: {@code 401}; the organisation's rules decide the rest (in the use cases: {@code 403}
 *   for a member whose role does not allow it, {@code 404} for anyone else).</li>
 * </ul>
 *
 * <p>Headers: a Content-Security-Policy that lets a page load only the product's own scripts, styles, images and API
 * (no inline script, no other origin), no framing, no content sniffing, no referrer, and
 * {@code Cache-Control: no-store} unless a response says otherwise (the instrument and the static files do).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Only the product's own origin; images may also be inline data (Swagger UI draws its icons so). */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /**
     * The API documentation (Swagger UI) sets inline styles as it draws, so its pages may use inline styles; still
     * only the product's own scripts.
     */
    static final String DOCUMENTATION_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");

    private static final RequestMatcher DOCUMENTATION = new OrRequestMatcher(
            path("/api-docs.html"), path("/swagger-ui/**"));

    /** Anonymous endpoints that change something: JSON only, never cross-site, no CSRF token. */
    static final RequestMatcher ANONYMOUS_JSON = new OrRequestMatcher(
            path("/api/assessments"), path("/api/assessments/**"),
            path("/api/invitations/**"),
            path("/api/accounts/activation"),
            path("/api/setup/operator"));

    /**
     * The paths (each with everything under it) that need a signed-in account or an API token; the OpenAPI document
     * declares its security from the same list.
     */
    public static final List<String> MEMBERS_ONLY_PATHS = List.of("/api/organisations", "/api/me", "/api/events",
            "/api/projections", "/api/scorings");

    private static final RequestMatcher MEMBERS_ONLY = new OrRequestMatcher(MEMBERS_ONLY_PATHS.stream()
            .flatMap(prefix -> java.util.stream.Stream.of(path(prefix), path(prefix + "/**")))
            .toList());

    @Bean
    ProblemResponses problemResponses(ProblemWriter problems) {
        return new ProblemResponses(problems);
    }

    /**
     * Where a request's authentication is kept: in the request (so that a request dispatched again once its body
     * arrived, see {@code RequestBodyFilter}, is still authenticated, also with a token) and, for a signed-in browser,
     * in the session.
     */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    /** Checks passwords (sign-in and {@code POST /api/tokens}) through the sign-in use case. */
    @Bean
    AuthenticationManager passwordAuthentication(SignInUseCase accounts) {
        ProviderManager manager = new ProviderManager(new PasswordAuthenticationProvider(accounts));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /** {@code POST /api/tokens}: the one place that takes a password by HTTP Basic. */
    @Bean
    @Order(1)
    SecurityFilterChain tokens(HttpSecurity http, AuthenticationManager passwordAuthentication,
                               ProblemResponses problems) throws Exception {
        return headers(http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/tokens")))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .authenticationManager(passwordAuthentication)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .build();
    }

    /** Everything else: sessions for the browser, bearer tokens for scripts, anonymous respondents. */
    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, ApiTokensUseCase tokens, ProblemResponses problems,
                            SecurityContextRepository contexts) throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(
                new ProviderManager(new ApiTokenAuthentication.Provider(tokens)), new ApiTokenAuthentication.Converter());
        bearer.setFailureHandler(problems::commence);
        bearer.setSuccessHandler((request, response, authentication) -> {
            // carry on with the request; a token never makes a session
        });
        bearer.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return headers(http)
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(MEMBERS_ONLY).authenticated()
                        .anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(contexts))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(ANONYMOUS_JSON, SecurityConfiguration::sendsBearerToken,
                                SecurityConfiguration::carriesNoSession))
                // no session management here: a session is made only by signing in (SessionController, which also
                // starts a new one against fixation); a request with a token never makes one
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * A request without a session cookie carries no credentials a forged request could ride on: it is answered 401
     * like any other request without credentials. Signing in itself always needs the token (against a forged
     * sign-in into the attacker's account).
     */
    private static boolean carriesNoSession(HttpServletRequest request) {
        return request.getRequestedSessionId() == null && !request.getRequestURI().equals("/api/session");
    }

    private static boolean sendsBearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static HttpSecurity headers(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(DOCUMENTATION),
                        new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(DOCUMENTATION,
                        new ContentSecurityPolicyHeaderWriter(DOCUMENTATION_POLICY)))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy(
                        "camera=(), microphone=(), geolocation=(), payment=()"))
                .cacheControl(Customizer.withDefaults()));
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
