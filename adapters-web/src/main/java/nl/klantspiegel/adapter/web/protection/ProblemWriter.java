package nl.klantspiegel.adapter.web.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/**
 * Writes a refusal as {@code application/problem+json} from a servlet filter, before Spring MVC (and its
 * exception handlers) sees the request; the same shape as every other problem of the API.
 */
@Component
public class ProblemWriter {

    /** The base of every problem type URI; the last segment names the problem. */
    public static final String TYPES = "https://klantspiegel.nl/problems/";

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * @param close whether the connection should be closed after the answer (when the body was not read)
     */
    public void write(HttpServletResponse response, ProblemDetail problem, boolean close) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (close) {
            response.setHeader("Connection", "close");
        }
        json.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }
}
