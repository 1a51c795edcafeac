package nl.klantspiegel.adapter.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security, for now for what every response carries: a Content-Security-Policy that lets the page load
 * only the product's own scripts, styles, images and API (no inline script, no other origin), no framing, no
 * content sniffing, no referrer, and {@code Cache-Control: no-store} unless a response says otherwise (the
 * instrument and the static files do).
 *
 * <p>Respondents are anonymous, so every request is permitted. No session is made and nothing is remembered
 * between requests; there is no cookie for a cross-site request to ride on, which is why there is no CSRF token
 * yet. The respondents' endpoints that change something accept only JSON (or no body) and refuse requests a
 * browser marks as cross-site ({@code RespondentRequestGuard}), which a plain cross-site form cannot get past.
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
            PathPatternRequestMatcher.withDefaults().matcher("/api-docs.html"),
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"));

    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(DOCUMENTATION),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(DOCUMENTATION,
                                new ContentSecurityPolicyHeaderWriter(DOCUMENTATION_POLICY)))
                        .frameOptions(frames -> frames.deny())
                        .contentTypeOptions(Customizer.withDefaults())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .cacheControl(Customizer.withDefaults()))
                .build();
    }
}
