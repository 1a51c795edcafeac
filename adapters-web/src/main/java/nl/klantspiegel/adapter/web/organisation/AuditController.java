package nl.klantspiegel.adapter.web.organisation;

import nl.klantspiegel.adapter.web.CsvFile;
import nl.klantspiegel.application.port.in.OrganisationsUseCase;

import nl.klantspiegel.adapter.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.AuditTrailQuery;
import nl.klantspiegel.application.port.in.AuditTrailQuery.AuditPage;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organisation's audit trail for its admins, newest first and paged, as JSON or (with {@code Accept: text/csv})
 * as CSV for a spreadsheet: RFC 4180, UTF-8, a header row, written with Apache Commons CSV.
 */
@RestController
@Tag(name = "Audit trail", description = "Who did what, when; respondents only as counts per round and day")
class AuditController {

    private static final String PATH = "/api/organisations/{organisationId}/audit";
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAXIMUM_FILE_ENTRIES = 100_000;

    private final AuditTrailQuery audit;
    private final OrganisationsUseCase organisations;

    AuditController(AuditTrailQuery audit, OrganisationsUseCase organisations) {
        this.organisations = organisations;
        this.audit = audit;
    }

    /** {@code upToDate}: false when the newest changes are not yet in the trail (they follow shortly). */
    record AuditResponse(List<AuditTrailQuery.Entry> entries, int page, int size, boolean hasMore, long totalEntries,
                         List<String> types, List<AuditTrailQuery.Participation> participation, boolean upToDate) {
    }

    @GetMapping(path = PATH, produces = "application/json")
    @Operation(summary = "The audit trail, newest first (admins)",
            description = "Entries are numbered without gaps and chained: each hash is the SHA-256 of the previous "
                    + "hash and the entry; nothing is ever edited or removed.")
    AuditResponse json(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                       @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) String from,
                       @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) String to,
                       @RequestParam(required = false) String type,
                       @RequestParam(defaultValue = "0") String page,
                       @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) String size) {
        AuditPage found = page(caller, organisationId, from, to, type, page, size);
        return new AuditResponse(found.entries(), found.page(), found.size(), found.hasMore(), found.totalEntries(),
                audit.entryTypes(), found.participation(), found.upToDate());
    }

    @GetMapping(path = PATH, produces = "text/csv")
    @Operation(summary = "The same page as CSV")
    ResponseEntity<String> csv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String type,
                               @RequestParam(defaultValue = "0") String page,
                               @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) String size,
                               @Parameter(description = CsvFile.DIALECT_DESCRIPTION)
                               @RequestParam(name = CsvFile.DIALECT, required = false) String dialect,
                               @Parameter(description = CsvFile.LANG_DESCRIPTION)
                               @RequestParam(name = CsvFile.LANG, required = false) String lang) {
        CsvFile.Format chosen = CsvFile.Format.of(dialect, lang);
        return csvResponse(caller, organisationId, whole(page(caller, organisationId, from, to, type, page, size))
                .entries(), chosen);
    }

    /** The entries as a file named for the organisation (whose trail the caller may read, so its name too). */
    private ResponseEntity<String> csvResponse(Caller caller, String organisationId,
                                               List<AuditTrailQuery.Entry> entries, CsvFile.Format format) {
        CsvFile csv = new CsvFile(List.of("number", "at", "type", "actorKind", "actorId", "actorEmail", "details",
                "hash"));
        for (AuditTrailQuery.Entry entry : entries) {
            csv.row(java.util.Arrays.asList(entry.number(), entry.at(), entry.type(), entry.actorKind(),
                    entry.actorId(), entry.actorEmail(), details(entry.details()), entry.hash()));
        }
        return CsvFile.named(ResponseEntity.ok(), organisations.summary(caller, organisationId).name(), "audit",
                        java.time.LocalDate.now(nl.klantspiegel.domain.report.ReportBasis.ZONE))
                .body(csv.text(format));
    }

    /** Every matching entry, oldest last, as one CSV file: for a plain download link (the session's cookie). */
    @GetMapping(path = PATH + ".csv", produces = "text/csv")
    @Operation(summary = "Every matching entry as one CSV file (admins)")
    ResponseEntity<String> csvFile(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String type,
                                   @Parameter(description = CsvFile.DIALECT_DESCRIPTION)
                                   @RequestParam(name = CsvFile.DIALECT, required = false) String dialect,
                                   @Parameter(description = CsvFile.LANG_DESCRIPTION)
                                   @RequestParam(name = CsvFile.LANG, required = false) String lang) {
        CsvFile.Format chosen = CsvFile.Format.of(dialect, lang);
        List<AuditTrailQuery.Entry> entries = new java.util.ArrayList<>();
        AuditPage page;
        int number = 0;
        do {
            page = whole(page(caller, organisationId, from, to, type, String.valueOf(number++), "500"));
            entries.addAll(page.entries());
        } while (page.hasMore() && entries.size() < MAXIMUM_FILE_ENTRIES);
        return csvResponse(caller, organisationId, entries, chosen);
    }

    private AuditPage page(Caller caller, String organisationId, String from, String to, String type, String page,
                           String size) {
        return audit.audit(caller, organisationId, QueryParameters.instant("from", from),
                QueryParameters.instant("to", to), QueryParameters.present(type), number("page", page),
                number("size", size));
    }

    /** A file is made of a complete record only: an auditor keeps it, and a page can say what a file cannot. */
    private static AuditPage whole(AuditPage page) {
        if (!page.upToDate()) {
            throw ViewsCatchingUp.behind("audit trail");
        }
        return page;
    }

    private static String details(Map<String, String> details) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(details).forEach((key, value) -> text.append(text.length() == 0 ? "" : "; ")
                .append(key).append('=').append(value));
        return text.toString();
    }

    private static int number(String name, String value) {
        if (!value.matches("[0-9]{1,6}")) {
            throw new InvalidRequest("'" + name + "' must be a whole number written plainly.");
        }
        return Integer.parseInt(value);
    }
}
