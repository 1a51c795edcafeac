package nl.klantspiegel.adapter.web;

import nl.klantspiegel.application.port.in.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFileTest {

    private final CsvFile file = new CsvFile(List.of("group", "n", "mean", "ci95_low", "note"))
            .row(Arrays.asList("Klachten; België", 12, 22.25, new BigDecimal("20.50"), null))
            .row(Arrays.asList("Verkoop \"Zuid\"", 0, null, null, "niets vrijgegeven"));

    @Test
    void by_default_it_is_rfc_4180_with_decimal_points_and_no_byte_order_mark() {
        assertThat(file.text(CsvFile.Format.of(null, null))).isEqualTo(
                "group,n,mean,ci95_low,note\r\n"
                        + "Klachten; België,12,22.25,20.50,\r\n"
                        + "\"Verkoop \"\"Zuid\"\"\",0,,,niets vrijgegeven\r\n");
        assertThat(CsvFile.Dialect.of("")).isEqualTo(CsvFile.Dialect.RFC4180);
        assertThat(CsvFile.Dialect.of("RFC4180")).isEqualTo(CsvFile.Dialect.RFC4180);
    }

    @Test
    void for_excel_with_dutch_settings_semicolons_decimal_commas_and_a_byte_order_mark() {
        assertThat(file.text(CsvFile.Format.of("excel", null))).isEqualTo(
                "\uFEFFgroup;n;mean;ci95_low;note\r\n"
                        + "\"Klachten; België\";12;22,25;20,50;\r\n"
                        + "\"Verkoop \"\"Zuid\"\"\";0;;;niets vrijgegeven\r\n");
        assertThat(new CsvFile(List.of("x")).row(List.of(3.0)).text(new CsvFile.Format(CsvFile.Dialect.EXCEL, false)))
                .isEqualTo("\uFEFFx\r\n3\r\n");
    }

    @Test
    void the_header_row_in_dutch_when_asked_for() {
        CsvFile questions = new CsvFile(List.of("period", "n", "mean", "ci95_low", "q3_points", "q12_b", "team_id"));

        assertThat(questions.text(CsvFile.Format.of("excel", "nl")))
                .isEqualTo("\uFEFFperiode;n;gemiddelde;bi95_onder;v3_punten;v12_b;team_id\r\n");
        assertThat(questions.text(CsvFile.Format.of(null, "EN"))).startsWith("period,n,mean,ci95_low,q3_points,q12_b");
        assertThat(questions.text(CsvFile.Format.of(null, null))).startsWith("period,n,");
        assertThatThrownBy(() -> CsvFile.Format.of(null, "de")).isInstanceOf(InvalidRequest.class)
                .hasMessage("'lang' is nl or en, not 'de'.");
    }

    @Test
    void another_dialect_is_refused_in_words() {
        assertThatThrownBy(() -> CsvFile.Dialect.of("tsv")).isInstanceOf(InvalidRequest.class)
                .hasMessage("'dialect' is rfc4180 or excel, not 'tsv'.");
    }

    @Test
    void the_file_is_named_for_its_organisation_what_it_holds_and_the_day_in_ascii_and_in_full() {
        ResponseEntity<String> response = CsvFile.named(ResponseEntity.ok(), "Zorggroep Één / Noord", "round-Voorjaar",
                LocalDate.of(2026, 12, 7)).body("");

        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo(
                "attachment; filename=\"klantspiegel-zorggroep-een-noord-round-Voorjaar-2026-12-07.csv\"; "
                        + "filename*=UTF-8''klantspiegel-zorggroep-%C3%A9%C3%A9n-noord-round-Voorjaar-2026-12-07.csv");
        assertThat(response.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(CsvFile.slug("  ")).isEqualTo("organisation");
    }
}
