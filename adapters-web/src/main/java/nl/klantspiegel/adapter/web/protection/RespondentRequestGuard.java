package nl.klantspiegel.adapter.web.protection;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Every API request that changes something accepts JSON or no body at all, and none that a browser marks as
 * cross-site. A plain HTML form on another site can send neither JSON nor a request without a
 * {@code Content-Type}, and a script on another site that sends JSON needs the browser's permission (CORS), which
 * this product never gives; so no other site can answer or complete someone's assessment in their browser, nor
 * act for a signed-in member (who is also protected by the CSRF token). ({@code Sec-Fetch-Site} is set by every
 * current browser and cannot be set by a page.) {@code POST /api/tokens} is left out: it takes HTTP Basic from
 * scripts, and its body is optional.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2)
public class RespondentRequestGuard extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of(HttpMethod.POST.name(), HttpMethod.PUT.name(),
            HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    private final ProblemWriter problems;

    RespondentRequestGuard(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHANGING.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
                || request.getRequestURI().equals("/api/tokens");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            problems.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN, "cross-site-request",
                    "Cross-site request", request.getRequestURI().startsWith("/api/assessments")
                            ? "An assessment can only be changed from this site's own pages."
                            : "Changes are only accepted from this site's own pages."), false);
            return;
        }
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if ((contentType != null && !isJson(contentType)) || (contentType == null && hasBody)) {
            problems.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "Send JSON (Content-Type: application/json), or no body at all; "
                            + (contentType == null ? "a body came without a Content-Type." : "a body of another type "
                            + "is not accepted here.")), true);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix()));
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }
}
