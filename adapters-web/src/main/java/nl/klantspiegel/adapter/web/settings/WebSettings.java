package nl.klantspiegel.adapter.web.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The web adapter's settings ({@code klantspiegel.*}), typed, with their defaults here and checked at the start.
 *
 * @param publicUrl the address people open (behind a reverse proxy, the one they use): the base of activation,
 *                  setup and invitation links and of the log's addresses; empty: the request's own address
 * @param api       limits on every API request
 * @param rateLimit limits per client address
 */
@ConfigurationProperties("klantspiegel")
public record WebSettings(@DefaultValue("") String publicUrl, @DefaultValue Api api,
                          @DefaultValue RateLimit rateLimit) {

    public WebSettings {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * @param maxBodySize the largest request body taken (larger: 413)
     * @param bodyTimeout how long a request body may take to arrive whole (it is read without holding a thread)
     */
    public record Api(@DefaultValue("2KB") DataSize maxBodySize, @DefaultValue("10s") Duration bodyTimeout) {
        public Api {
            if (maxBodySize.toBytes() < 1 || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
                throw new IllegalArgumentException("klantspiegel.api: max-body-size and body-timeout must be above "
                        + "zero, not " + maxBodySize + " and " + bodyTimeout);
            }
        }
    }

    /** @param assessmentStarts how many assessments one client address may start per period */
    public record RateLimit(@DefaultValue AssessmentStarts assessmentStarts) {
    }

    /**
     * @param capacity how many starts per period
     * @param period   the period over which they are counted (refilled gradually)
     */
    public record AssessmentStarts(@DefaultValue("200") long capacity, @DefaultValue("1h") Duration period) {
        public AssessmentStarts {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("klantspiegel.rate-limit.assessment-starts: capacity and period "
                        + "must be above zero, not " + capacity + " and " + period);
            }
        }
    }
}
