package nl.klantspiegel.domain.export;

import nl.klantspiegel.domain.integrity.Sha256;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hash chain that makes an event export verifiable: proof that a file is complete and unaltered.
 *
 * <p>An export is lines of JSON. Every line ends with its {@code hash} as the last field:
 * {@code {…,"hash":"<64 hex digits>"}}. The line's <em>content</em> is the line without that field (the text up to
 * {@code ,"hash":"…"} followed by the closing brace), and
 * {@code hash = hex(SHA-256(previous hash + "\n" + content))}, in UTF-8. The first line's previous hash is the
 * export's <em>chain start</em>, {@code hex(SHA-256("klantspiegel-export:" + export id))}, stated in the response's
 * headers and repeated in the last line.
 *
 * <p>The last line closes the export: {@code {"end":{"exportId":…,"chainStart":…,"events":N,…},"hash":…}}. Without it
 * an export is incomplete (cut off); a line changed, added, removed or moved breaks the chain at that line. The chain
 * has no key: it proves a file equals what was sent, and the organisation's audit trail keeps the export's id and
 * last hash, so a file can be matched to the export that made it.
 */
public final class ExportChain {

    private static final Pattern HASHED_LINE = Pattern.compile("^(\\{.*),\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern END_LINE = Pattern.compile("^\\{\"end\":\\{.*}}$");
    private static final Pattern EXPORT_ID = Pattern.compile("\"exportId\":\"([^\"\\\\]*)\"");
    private static final Pattern CHAIN_START = Pattern.compile("\"chainStart\":\"([0-9a-f]{64})\"");
    private static final Pattern EVENTS = Pattern.compile("\"events\":(\\d+)");

    private String previous;

    private ExportChain(String start) {
        this.previous = start;
    }

    /** A chain for the export with this id. */
    public static ExportChain forExport(String exportId) {
        return new ExportChain(start(exportId));
    }

    /** The value the first line chains from. */
    public static String start(String exportId) {
        Objects.requireNonNull(exportId, "exportId");
        return sha256("klantspiegel-export:" + exportId);
    }

    /** The value the first line chains from, until a line is added; then that line's hash. */
    public String last() {
        return previous;
    }

    /**
     * @param content a JSON object's text without the hash (ends with {@code }})
     * @return the line to write: the content with its {@code hash} as last field
     */
    public String line(String content) {
        if (!content.startsWith("{") || !content.endsWith("}") || content.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A line is one JSON object on one line");
        }
        String hash = hash(previous, content);
        previous = hash;
        String body = content.substring(0, content.length() - 1);
        return (body.equals("{") ? body : body + ",") + "\"hash\":\"" + hash + "\"}";
    }

    static String hash(String previous, String content) {
        return sha256(previous + "\n" + content);
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }

    /**
     * Checks an export, line by line.
     *
     * @param lines the export's lines, in order (without line breaks)
     * @param start the chain start as the response's headers stated it, or empty to take it from the last line
     * @param last  the export's last line (read first, when {@code start} is empty), or empty when the file has none
     */
    public static Verdict verify(Iterator<String> lines, Optional<String> start, Optional<String> last) {
        Optional<String> stated = last.filter(line -> END_LINE.matcher(withoutHash(line)).matches())
                .flatMap(line -> find(CHAIN_START, line));
        Optional<String> from = start.or(() -> stated);
        if (from.isEmpty()) {
            return Verdict.broken(1, "the export has no closing line with its chain start (cut off?); give the chain "
                    + "start from the response headers to check what there is");
        }
        String previous = from.get();
        long number = 0;
        long events = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            number++;
            Matcher hashed = HASHED_LINE.matcher(line);
            if (!hashed.matches()) {
                return Verdict.broken(number, "the line does not end with its hash");
            }
            String content = hashed.group(1) + "}";
            if (!hash(previous, content).equals(hashed.group(2))) {
                return Verdict.broken(number, number == 1
                        ? "the first line does not chain from the chain start (a line before it missing, or changed)"
                        : "the line does not chain from the line before it (changed, or a line missing or moved)");
            }
            previous = hashed.group(2);
            if (END_LINE.matcher(content).matches()) {
                if (lines.hasNext()) {
                    return Verdict.broken(number + 1, "lines after the closing line");
                }
                long statedEvents = find(EVENTS, content).map(Long::parseLong).orElse(-1L);
                if (statedEvents != events) {
                    return Verdict.broken(number, "the closing line states " + statedEvents + " events, the file has "
                            + events);
                }
                return Verdict.intact(events, find(EXPORT_ID, content).orElse(""), previous);
            }
            events++;
        }
        return Verdict.broken(number + 1, "the export ends without its closing line (cut off after line " + number
                + ")");
    }

    private static String withoutHash(String line) {
        Matcher hashed = HASHED_LINE.matcher(line);
        return hashed.matches() ? hashed.group(1) + "}" : line;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * What a check found.
     *
     * @param intact    whether the whole chain holds and the export is closed
     * @param line      the first line that breaks it (from 1), or 0 when intact
     * @param reason    why it breaks, or empty
     * @param events    the number of events, when intact
     * @param exportId  the export's id, when intact
     * @param lastHash  the last line's hash, when intact: what the audit trail keeps
     */
    public record Verdict(boolean intact, long line, String reason, long events, String exportId, String lastHash) {
        static Verdict intact(long events, String exportId, String lastHash) {
            return new Verdict(true, 0, "", events, exportId, lastHash);
        }

        static Verdict broken(long line, String reason) {
            return new Verdict(false, line, reason, 0, "", "");
        }
    }
}
