package nl.klantspiegel.adapter.web;

import nl.klantspiegel.application.port.in.InvalidRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV download of the API in one of two dialects: {@code rfc4180} (the default: commas, decimal points, what
 * scripts and most tools read) or {@code excel} (what Excel with Dutch settings opens by a double click: semicolons,
 * decimal commas and a UTF-8 byte order mark, so that "Klachtenbemiddeling – België" stays itself). Both end lines
 * with CRLF and quote as RFC 4180 does. The file is named for people: {@code klantspiegel-<organisation>-<report>-
 * <day>.csv}, in ASCII (accents dropped), with the full name as {@code filename*}.
 */
public final class CsvFile {

    /** The query parameter that chooses the dialect. */
    public static final String DIALECT = "dialect";
    public static final String DIALECT_DESCRIPTION = "rfc4180 (default: commas, decimal points) or excel (semicolons, "
            + "decimal commas and a UTF-8 byte order mark, for Excel with Dutch settings)";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** How the values are written. */
    public enum Dialect {
        RFC4180, EXCEL;

        /** From the query parameter; absent or blank is {@link #RFC4180}. */
        public static Dialect of(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("rfc4180")) {
                return RFC4180;
            }
            if (value.equalsIgnoreCase("excel")) {
                return EXCEL;
            }
            throw new InvalidRequest("'dialect' is rfc4180 or excel, not '" + value.strip() + "'.");
        }
    }

    /** The query parameter that chooses the language of the header row. */
    public static final String LANG = "lang";
    public static final String LANG_DESCRIPTION = "the header row's language: en (default: the names scripts use) or nl";

    /** A dialect and the language of the header row. */
    public record Format(Dialect dialect, boolean dutchHeader) {

        /** From the query parameters; absent means RFC 4180 with the English names. */
        public static Format of(String dialect, String lang) {
            Dialect chosen = Dialect.of(dialect);
            if (lang == null || lang.isBlank() || lang.equalsIgnoreCase("en")) {
                return new Format(chosen, false);
            }
            if (lang.equalsIgnoreCase("nl")) {
                return new Format(chosen, true);
            }
            throw new InvalidRequest("'lang' is nl or en, not '" + lang.strip() + "'.");
        }
    }

    private static final java.util.Map<String, String> DUTCH = dutch();

    private static java.util.Map<String, String> dutch() {
        String[] pairs = {
                "period", "periode", "start", "begin", "end", "einde", "group", "groep", "mean", "gemiddelde",
                "ci95_low", "bi95_onder", "ci95_high", "bi95_boven", "low", "laag", "average", "gemiddeld",
                "high", "hoog", "low_percent", "laag_procent", "average_percent", "gemiddeld_procent",
                "high_percent", "hoog_procent", "column_a", "kolom_a", "column_b", "kolom_b", "column_c", "kolom_c",
                "round", "ronde", "round_id", "ronde_id", "label", "naam", "respondents_who_changed",
                "respondenten_die_wijzigden", "changes", "wijzigingen", "left_out", "weggelaten", "question", "vraag",
                "from", "van", "to", "naar", "count", "aantal", "round_n", "ronde_n", "round_mean", "ronde_gemiddelde",
                "with_n", "andere_ronde_n", "with_mean", "andere_ronde_gemiddelde", "difference", "verschil",
                "difference_ci95_low", "verschil_bi95_onder", "difference_ci95_high", "verschil_bi95_boven",
                "significant", "significant", "assessment", "test", "released_on", "vrijgegeven_op",
                "instrument_version", "instrumentversie", "total", "totaal", "number", "nummer", "at", "tijdstip",
                "type", "soort", "actorKind", "soort_actor", "actorId", "actor_id", "actorEmail", "actor_email"};
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Map.copyOf(names);
    }

    /** A column's name in Dutch: "mean" → "gemiddelde", "q3_points" → "v3_punten"; a name without one stays. */
    static String dutch(String column) {
        java.util.regex.Matcher question = java.util.regex.Pattern.compile("q(\\d+)_(.+)").matcher(column);
        if (question.matches()) {
            String part = switch (question.group(2)) {
                case "mean" -> "gemiddelde";
                case "change" -> "verandering";
                case "option" -> "antwoord";
                case "points" -> "punten";
                default -> question.group(2);
            };
            return "v" + question.group(1) + "_" + part;
        }
        return DUTCH.getOrDefault(column, column);
    }

    private final List<String> header;
    private final List<List<?>> rows = new ArrayList<>();

    public CsvFile(List<String> header) {
        this.header = List.copyOf(header);
    }

    public CsvFile row(List<?> cells) {
        rows.add(new ArrayList<>(cells));
        return this;
    }

    /** The file's text in the format. */
    public String text(Format chosen) {
        Dialect dialect = chosen.dialect();
        String[] names = header.stream().map(name -> chosen.dutchHeader() ? dutch(name) : name).toArray(String[]::new);
        StringWriter out = new StringWriter();
        CSVFormat format = dialect == Dialect.EXCEL
                ? CSVFormat.RFC4180.builder().setDelimiter(';').setHeader(names).get()
                : CSVFormat.RFC4180.builder().setHeader(names).get();
        if (dialect == Dialect.EXCEL) {
            out.write(BYTE_ORDER_MARK);
        }
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (List<?> row : rows) {
                List<Object> cells = new ArrayList<>(row.size());
                for (Object cell : row) {
                    cells.add(dialect == Dialect.EXCEL ? decimalComma(cell) : cell);
                }
                csv.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The builder with the file's type and name.
     *
     * @param organisation the organisation's name (its id where the name is not at hand)
     * @param report       what the file holds: "trend-week", "round", "assessments"
     */
    public static ResponseEntity.BodyBuilder named(ResponseEntity.BodyBuilder builder, String organisation,
                                                   String report, LocalDate day) {
        String name = "klantspiegel-" + slug(organisation) + "-" + report + "-" + day + ".csv";
        return builder.contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + ascii(name) + "\"; filename*=UTF-8''" + encoded(name));
    }

    /** A file name part from a name: lower case, words joined by hyphens ("Zorgverzekeraar Zuid" → zorgverzekeraar-zuid). */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).strip().replaceAll("[\\s/\\\\:*?\"<>|]+", "-")
                .replaceAll("-{2,}", "-");
        return slug.isEmpty() ? "organisation" : slug;
    }

    private static String ascii(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("-{2,}", "-");
    }

    private static String encoded(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Object decimalComma(Object cell) {
        if (cell instanceof Double || cell instanceof Float) {
            double value = ((Number) cell).doubleValue();
            return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().replace('.', ',')
                    : cell;
        }
        if (cell instanceof BigDecimal decimal) {
            return decimal.toPlainString().replace('.', ',');
        }
        return cell;
    }
}
