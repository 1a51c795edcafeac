package nl.klantspiegel.boot;

import nl.klantspiegel.domain.export.ExportChain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

/**
 * {@code java -jar klantspiegel-exec.jar verify-export FILE [--chain-start HEX]}: checks an NDJSON event export's hash
 * chain without starting the application. Exit 0 when the export is intact and complete, 1 with the first line
 * where it breaks, 2 when it cannot be read.
 */
final class VerifyExport {

    private VerifyExport() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--chain-start"))) {
            err.println("usage: java -jar klantspiegel-exec.jar verify-export FILE [--chain-start HEX]");
            err.println("  FILE         an export of GET /api/events or /api/organisations/{org}/events");
            err.println("  --chain-start  the Klantspiegel-Chain-Start header of its response (default: the value "
                    + "its closing line states)");
            return 2;
        }
        Path file = Path.of(args[1]);
        Optional<String> start = args.length == 4 ? Optional.of(args[3]) : Optional.empty();
        try {
            Optional<String> last = lastLine(file);
            ExportChain.Verdict verdict;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Iterator<String> lines = withoutTrailingEmptyLines(reader.lines().iterator());
                verdict = ExportChain.verify(lines, start, last);
            }
            if (verdict.intact()) {
                out.printf("intact: %d events, export %s, last hash %s%n", verdict.events(), verdict.exportId(),
                        verdict.lastHash());
                return 0;
            }
            out.printf("broken at line %d: %s%n", verdict.line(), verdict.reason());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** Empty lines at the end of a file (a trailing line break) are no lines of the export; elsewhere they are. */
    private static Iterator<String> withoutTrailingEmptyLines(Iterator<String> lines) {
        return new Iterator<>() {
            private final java.util.ArrayDeque<String> ahead = new java.util.ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ahead.stream().anyMatch(line -> !line.isEmpty())) {
                    return true;
                }
                while (lines.hasNext()) {
                    String line = lines.next();
                    ahead.addLast(line);
                    if (!line.isEmpty()) {
                        return true;
                    }
                }
                ahead.clear();
                return false;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ahead.removeFirst();
            }
        };
    }

    /** The file's last non-empty line. */
    private static Optional<String> lastLine(Path file) throws IOException {
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    last = line;
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
