package nl.klantspiegel.domain.export;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportChainTest {

    /** Computed with Python's hashlib, independently of this code. */
    @Test
    void the_chain_start_and_a_lines_hash_are_the_documented_sha_256_values() {
        assertThat(ExportChain.start("e-1"))
                .isEqualTo("2786df723c8b1c326340171d32637b8dc36ef6ba84dee55c07647b4fcca49b67");
        ExportChain chain = ExportChain.forExport("e-1");
        assertThat(chain.last()).isEqualTo(ExportChain.start("e-1"));

        String line = chain.line("{\"position\":1,\"type\":\"T\"}");

        assertThat(line).isEqualTo("{\"position\":1,\"type\":\"T\","
                + "\"hash\":\"41a0c085e78450f7b44cf8bd50d75492f49c6b7caa65406cebb1e7e59d230612\"}");
        assertThat(chain.last()).isEqualTo("41a0c085e78450f7b44cf8bd50d75492f49c6b7caa65406cebb1e7e59d230612");
    }

    @Test
    void a_line_must_be_one_json_object_on_one_line() {
        ExportChain chain = ExportChain.forExport("e");
        assertThatThrownBy(() -> chain.line("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.line("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.line("\"a\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.line("{\"a\":\n1}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(chain.line("{}")).startsWith("{\"hash\":\"");
    }

    @Test
    void an_intact_export_verifies_with_the_start_from_its_headers_or_from_its_closing_line() {
        List<String> export = export("x-7", 3);

        ExportChain.Verdict withStart = verify(export, Optional.of(ExportChain.start("x-7")));
        ExportChain.Verdict fromClosingLine = verify(export, Optional.empty());

        assertThat(withStart.intact()).isTrue();
        assertThat(withStart.events()).isEqualTo(3);
        assertThat(withStart.exportId()).isEqualTo("x-7");
        assertThat(withStart.lastHash()).isEqualTo(export.get(3).substring(export.get(3).length() - 66, 
                export.get(3).length() - 2));
        assertThat(fromClosingLine).isEqualTo(withStart);
    }

    @Test
    void an_empty_export_is_its_closing_line_alone() {
        List<String> export = export("none", 0);
        assertThat(export).hasSize(1);
        assertThat(verify(export, Optional.empty()).intact()).isTrue();
        assertThat(verify(export, Optional.empty()).events()).isZero();
    }

    @Test
    void a_changed_line_breaks_the_chain_at_that_line() {
        List<String> export = export("x", 4);
        export.set(2, export.get(2).replace("\"points\":3", "\"points\":5"));

        ExportChain.Verdict verdict = verify(export, Optional.empty());

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.line()).isEqualTo(3);
        assertThat(verdict.reason()).contains("does not chain from the line before");
    }

    @Test
    void a_line_whose_hash_was_made_again_breaks_the_chain_at_the_next_line() {
        List<String> export = export("x", 4);
        // the forger rehashes line 2 after changing it; line 3 still chains from the old hash
        String previous = hashOf(export.get(0));
        String changed = "{\"position\":2,\"points\":5}";
        export.set(1, changed.substring(0, changed.length() - 1) + ",\"hash\":\"" + ExportChain.hash(previous, changed)
                + "\"}");

        assertThat(verify(export, Optional.empty()).line()).isEqualTo(3);
    }

    @Test
    void a_missing_line_is_found_where_it_was() {
        List<String> export = export("x", 4);
        export.remove(1);
        assertThat(verify(export, Optional.empty()).line()).isEqualTo(2);
    }

    @Test
    void a_missing_first_line_is_found_against_the_chain_start() {
        List<String> export = export("x", 4);
        export.remove(0);
        ExportChain.Verdict verdict = verify(export, Optional.of(ExportChain.start("x")));
        assertThat(verdict.line()).isEqualTo(1);
        assertThat(verdict.reason()).contains("chain start");
        assertThat(verify(export, Optional.empty()).line()).isEqualTo(1);
    }

    @Test
    void swapped_lines_break_the_chain() {
        List<String> export = export("x", 4);
        Collections.swap(export, 1, 2);
        assertThat(verify(export, Optional.empty()).line()).isEqualTo(2);
    }

    @Test
    void a_cut_off_export_is_incomplete() {
        List<String> export = export("x", 4);
        export.remove(export.size() - 1);

        ExportChain.Verdict withStart = verify(export, Optional.of(ExportChain.start("x")));
        ExportChain.Verdict withoutStart = verify(export, Optional.empty());

        assertThat(withStart.intact()).isFalse();
        assertThat(withStart.line()).isEqualTo(5);
        assertThat(withStart.reason()).contains("without its closing line").contains("after line 4");
        assertThat(withoutStart.intact()).isFalse();
        assertThat(withoutStart.line()).isEqualTo(1);
        assertThat(withoutStart.reason()).contains("no closing line");
    }

    @Test
    void lines_after_the_closing_line_are_refused() {
        List<String> export = export("x", 2);
        export.add(export.get(0));
        ExportChain.Verdict verdict = verify(export, Optional.of(ExportChain.start("x")));
        assertThat(verdict.line()).isEqualTo(4);
        assertThat(verdict.reason()).contains("after the closing line");
    }

    @Test
    void a_closing_line_that_miscounts_the_events_is_found() {
        ExportChain chain = ExportChain.forExport("x");
        List<String> export = new ArrayList<>();
        export.add(chain.line("{\"position\":1}"));
        export.add(chain.line("{\"end\":{\"exportId\":\"x\",\"chainStart\":\"" + ExportChain.start("x")
                + "\",\"events\":2}}"));

        ExportChain.Verdict verdict = verify(export, Optional.empty());

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.line()).isEqualTo(2);
        assertThat(verdict.reason()).contains("states 2 events, the file has 1");
    }

    @Test
    void a_line_without_its_hash_is_found() {
        List<String> export = export("x", 3);
        export.set(1, "{\"position\":2,\"points\":3}");
        ExportChain.Verdict verdict = verify(export, Optional.empty());
        assertThat(verdict.line()).isEqualTo(2);
        assertThat(verdict.reason()).contains("does not end with its hash");
    }

    @Test
    void the_wrong_chain_start_is_found_at_the_first_line() {
        assertThat(verify(export("x", 2), Optional.of(ExportChain.start("y"))).line()).isEqualTo(1);
    }

    // ----- helpers -------------------------------------------------------------------------------------

    private static List<String> export(String exportId, int events) {
        ExportChain chain = ExportChain.forExport(exportId);
        List<String> lines = new ArrayList<>();
        for (int position = 1; position <= events; position++) {
            lines.add(chain.line("{\"position\":" + position + ",\"points\":3}"));
        }
        lines.add(chain.line("{\"end\":{\"exportId\":\"" + exportId + "\",\"chainStart\":\""
                + ExportChain.start(exportId) + "\",\"events\":" + events + "}}"));
        return lines;
    }

    private static ExportChain.Verdict verify(List<String> lines, Optional<String> start) {
        return ExportChain.verify(lines.iterator(), start,
                lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)));
    }

    private static String hashOf(String line) {
        return line.substring(line.length() - 66, line.length() - 2);
    }
}
