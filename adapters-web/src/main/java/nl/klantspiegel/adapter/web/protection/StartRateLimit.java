package nl.klantspiegel.adapter.web.protection;

import nl.klantspiegel.adapter.web.settings.WebSettings;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Limits how many assessments one client address may start ({@code 429} with {@code Retry-After} beyond it):
 * every started assessment is kept for good, so an unlimited client could fill the disk. The defaults let a whole
 * office behind one address start a round together: 200 at once, and 200 more per hour after that. The limit holds
 * for the installation, however many nodes share the requests ({@link RateLimits}).
 *
 * <p>The address is the one the connection comes from. Behind a reverse proxy every client would share the
 * proxy's address; then let the proxy set {@code X-Forwarded-For} and tell Spring Boot to trust it
 * ({@code server.forward-headers-strategy=native}).
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
public class StartRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StartRateLimit.class);

    private final RateLimits starts;
    private final ProblemWriter problems;

    StartRateLimit(WebSettings settings, ProxyManager<String> buckets, ProblemWriter problems) {
        this.starts = new RateLimits("assessment-starts", settings.rateLimit().assessmentStarts().capacity(),
                settings.rateLimit().assessmentStarts().period(), buckets);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/api/assessments".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong retryAfter = starts.tryTake(request.getRemoteAddr());
        if (retryAfter.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Too many assessment starts from {}", request.getRemoteAddr());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.getAsLong()));
        problems.write(response, ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                "Too many requests", "Too many assessments were started from your address; at most "
                        + starts.capacity() + " per " + describe(starts.period()) + ". Try again in "
                        + retryAfter.getAsLong() + " seconds."), false);
    }

    private static String describe(Duration period) {
        if (period.toHours() > 0 && period.toMinutesPart() == 0 && period.toSecondsPart() == 0) {
            return period.toHours() == 1 ? "hour" : period.toHours() + " hours";
        }
        if (period.toMinutes() > 0 && period.toSecondsPart() == 0) {
            return period.toMinutes() == 1 ? "minute" : period.toMinutes() + " minutes";
        }
        return period.toSeconds() + " seconds";
    }
}
