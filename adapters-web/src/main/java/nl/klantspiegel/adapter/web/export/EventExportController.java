package nl.klantspiegel.adapter.web.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import nl.klantspiegel.adapter.web.QueryParameters;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportEventsUseCase;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.EventExport;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.ExportedEvent;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.Filter;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.domain.export.ExportChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The event log as NDJSON, for analysts: one event per line in position order, each line chained to the one before
 * by its SHA-256 {@code hash} ({@link ExportChain}), and a closing line that makes a cut-off export recognisable.
 * Written straight to the response, a window of events at a time: memory does not grow with the export.
 */
@RestController
@Tag(name = "Event export", description = "The event log as verifiable NDJSON, resumable with 'after'")
class EventExportController {

    static final String NDJSON = "application/x-ndjson";
    static final String EXPORT_ID = "Klantspiegel-Export-Id";
    static final String CHAIN_START = "Klantspiegel-Chain-Start";
    static final String HEAD = "Klantspiegel-Export-Head";

    private static final Logger log = LoggerFactory.getLogger(EventExportController.class);
    private static final String DESCRIPTION = """
            One event per line (NDJSON), in position order: position, eventId, type, revision, aggregateType, \
            aggregateId, sequence, timestamp, payload (as stored, in the shape its revision names) and hash. \
            hash = hex(SHA-256(previous hash + "\\n" + the line without its hash field)); the first line chains from \
            the value in the Klantspiegel-Chain-Start header. The last line is {"end":{…}} with the export's id, its \
            chain start, the number of events and the last position: without it the export was cut off. Check a \
            file with `java -jar klantspiegel-exec.jar verify-export FILE`. Resume with after={the last position}. The \
            export holds no event after the head at its start (the Klantspiegel-Export-Head header).""";

    private final ExportEventsUseCase exports;
    private final ObjectMapper json;
    private final Clock clock;

    EventExportController(ExportEventsUseCase exports, ObjectMapper json, Clock clock) {
        this.exports = exports;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(path = "/api/events", produces = NDJSON)
    @Operation(summary = "Every event of the installation (the operator)", description = DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = NDJSON), headers = {
                    @Header(name = EXPORT_ID, description = "the export's id (also in the audit trail)"),
                    @Header(name = CHAIN_START, description = "the value the first line's hash chains from"),
                    @Header(name = HEAD, description = "the newest position when the export began")}))
    void everything(@AuthenticationPrincipal Caller caller,
                    @Parameter(description = "only events after this position (resume)") @RequestParam(required = false) String after,
                    @Parameter(description = "ISO-8601 instant: events recorded at or after it") @RequestParam(required = false) String from,
                    @Parameter(description = "ISO-8601 instant: events recorded before it") @RequestParam(required = false) String to,
                    @Parameter(description = "event names, comma-separated or repeated") @RequestParam(required = false) String[] type,
                    HttpServletResponse response) throws IOException {
        stream(exports.everything(caller, filter(after, from, to, type)), "all", response);
    }

    @GetMapping(path = "/api/organisations/{organisationId}/events", produces = NDJSON)
    @Operation(summary = "The organisation's events and its released results, as its reports show them (admins, "
            + "analysts)", description = DESCRIPTION + """
             For an organisation: its own events as stored, and each release of its results followed by the events \
            of its batches' assessments — under pseudonyms (never an assessment's id: that is its respondent's key), \
            at the time of the release, without the language and, for a pooled batch, without the team; nothing of \
            assessments no release has shown. Positions are the organisation's own: its n-th event or release has \
            position n, a release's assessments carry the release's. Recorded in the organisation's audit trail \
            when it ends.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = NDJSON), headers = {
                    @Header(name = EXPORT_ID, description = "the export's id (also in the audit trail)"),
                    @Header(name = CHAIN_START, description = "the value the first line's hash chains from"),
                    @Header(name = HEAD, description = "the organisation's newest position when the export began")}))
    void ofOrganisation(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                        @Parameter(description = "only events after this position (resume)") @RequestParam(required = false) String after,
                        @Parameter(description = "ISO-8601 instant: events recorded at or after it") @RequestParam(required = false) String from,
                        @Parameter(description = "ISO-8601 instant: events recorded before it") @RequestParam(required = false) String to,
                        @Parameter(description = "event names, comma-separated or repeated") @RequestParam(required = false) String[] type,
                        HttpServletResponse response) throws IOException {
        stream(exports.ofOrganisation(caller, organisationId, filter(after, from, to, type)), organisationId,
                response);
    }

    private void stream(EventExport export, String scope, HttpServletResponse response) throws IOException {
        ExportChain chain = ExportChain.forExport(export.exportId());
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(EXPORT_ID, export.exportId());
        response.setHeader(CHAIN_START, chain.last());
        response.setHeader(HEAD, String.valueOf(export.head()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events-" + safe(scope) + "-"
                + export.exportId() + ".ndjson\"");
        long[] written = {0};
        long[] lastPosition = {0};
        boolean complete = false;
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                    64 * 1024);
            export.streamTo(new ExportEventsUseCase.Sink() {
                @Override
                public void event(ExportedEvent event) throws IOException {
                    out.write(chain.line(line(event)));
                    out.write('\n');
                    written[0]++;
                    lastPosition[0] = event.position();
                }

                @Override
                public void endOfWindow() throws IOException {
                    out.flush();
                }
            });
            ObjectNode end = json.createObjectNode();
            ObjectNode about = end.putObject("end");
            about.put("exportId", export.exportId());
            about.put("chainStart", ExportChain.start(export.exportId()));
            about.put("events", written[0]);
            about.put("lastPosition", lastPosition[0]);
            about.put("head", export.head());
            about.put("scope", scope);
            about.put("startedAt", export.startedAt().toString());
            about.put("finishedAt", Instant.now(clock).toString());
            out.write(chain.line(json.writeValueAsString(end)));
            out.write('\n');
            out.flush();
            complete = true;
        } catch (IOException gone) {
            log.info("Event export {} broke off after {} events: {}", export.exportId(), written[0], gone.toString());
        } finally {
            export.finished(written[0], chain.last(), complete);
        }
    }

    private String line(ExportedEvent event) throws JsonProcessingException {
        ObjectNode line = json.createObjectNode();
        line.put("position", event.position());
        line.put("eventId", event.eventId());
        line.put("type", event.type());
        line.put("revision", event.revision());
        line.put("aggregateType", event.aggregateType());
        line.put("aggregateId", event.aggregateId());
        line.put("sequence", event.sequence());
        line.put("timestamp", event.timestamp().toString());
        line.set("payload", event.payload() != null ? json.valueToTree(event.payload()) : payload(event.payloadJson()));
        return json.writeValueAsString(line);
    }

    private JsonNode payload(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException notJson) {
            return json.getNodeFactory().textNode(stored);
        }
    }

    private static Filter filter(String after, String from, String to, String[] type) {
        Set<String> types = new LinkedHashSet<>();
        if (type != null) {
            Arrays.stream(type).flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                    .filter(name -> !name.isEmpty()).forEach(types::add);
        }
        return new Filter(position(after), QueryParameters.instant("from", from), QueryParameters.instant("to", to),
                types);
    }

    private static long position(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        if (!after.matches("[0-9]{1,18}")) {
            throw new InvalidRequest("after is a position: a whole number, 0 or more.");
        }
        return Long.parseLong(after);
    }

    private static String safe(String scope) {
        return scope.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
