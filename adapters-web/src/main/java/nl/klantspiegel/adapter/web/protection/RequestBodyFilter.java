package nl.klantspiegel.adapter.web.protection;

import nl.klantspiegel.adapter.web.settings.WebSettings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads every API request body before anything else does, without holding a server thread while it arrives, and
 * within limits: at most {@code klantspiegel.api.max-body-size} bytes ({@code 413}) and complete within
 * {@code klantspiegel.api.body-timeout} of the request's start ({@code 408}); the connection is then closed.
 *
 * <p>Why: a servlet reads a request body with blocking reads, so a client that sends its body one byte at a time
 * holds a server thread for as long as it likes, and a few hundred such clients hold them all. Here the body is
 * read with the servlet API's non-blocking reads (a {@link ReadListener}): while bytes trickle in, no thread
 * waits for them. Once the whole body is there, the request is dispatched again with the body in memory, and the
 * rest of the application reads it as usual.
 *
 * <p>It also refuses a {@code Content-Type} that is not a media type, or one with a wildcard ({@code 415}): such a
 * request can never be read, and Spring would otherwise fail on it later with a server error.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 3)
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);
    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    private final long limit;
    private final Duration timeout;
    private final ProblemWriter problems;

    RequestBodyFilter(WebSettings settings, ProblemWriter problems) {
        this.limit = settings.api().maxBodySize().toBytes();
        this.timeout = settings.api().bodyTimeout();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    /** The second pass, after the body was read, hands it on. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY);
            chain.doFilter(body instanceof byte[] bytes ? new BufferedBody(request, bytes) : request, response);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            problems.write(response, ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "The request body must be JSON (Content-Type: application/json); '"
                            + printable(contentType) + "' is not a media type a body can have."), true);
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        Reader reader = new Reader(request, response, async);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        problems.write(response, ProblemWriter.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large",
                "Request body too large", "The request body may be at most " + limit + " bytes."), true);
    }

    /** Collects the body as it arrives; ends the exchange once, whichever comes first. */
    private final class Reader implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        private final byte[] buffer = new byte[1024];
        private final AtomicBoolean ended = new AtomicBoolean();

        Reader(HttpServletRequest request, HttpServletResponse response, AsyncContext async) throws IOException {
            this.request = request;
            this.response = response;
            this.async = async;
            this.in = request.getInputStream();
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!ended.get() && in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return; // onAllDataRead follows
                }
                body.write(buffer, 0, read);
                if (body.size() > limit && ended.compareAndSet(false, true)) {
                    tooLarge(response);
                    async.complete();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (ended.compareAndSet(false, true)) {
                request.setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                log.debug("Reading a request body failed: {}", failure.toString());
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (ended.compareAndSet(false, true)) {
                problems.write(response, ProblemWriter.problem(HttpStatus.REQUEST_TIMEOUT, "body-timeout",
                        "Request body too slow", "The request body must arrive within " + timeout.toSeconds()
                                + " seconds; it did not. Send it again in one go."), true);
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing left to do
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not started again
        }
    }

    /** The request as the application sees it after the first pass: its body is in memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] target, int offset, int length) {
                    return bytes.read(target, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
