package nl.klantspiegel.adapter.web.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.klantspiegel.domain.instrument.Instruments;

/** The columns every report's CSV shares for one group: empty where a figure is absent (nothing released). */
final class ReportCsv {

    static final List<String> FIGURES = figures();

    private ReportCsv() {
    }

    private static List<String> figures() {
        List<String> columns = new ArrayList<>(List.of("group", "team_id", "n", "mean",
                "ci95_low", "ci95_high", "low", "average", "high", "low_percent",
                "average_percent", "high_percent", "column_a", "column_b", "column_c"));
        for (int question : Instruments.current().questionNumbers()) {
            columns.addAll(List.of("q" + question + "_mean", "q" + question + "_a", "q" + question + "_b",
                    "q" + question + "_c"));
        }
        // "group" and "team_id" are written by each report beside its own leading columns
        return List.copyOf(columns.subList(2, columns.size()));
    }

    /** The group's name and team id, then {@link #FIGURES}. */
    static List<Object> groupColumns(ReportJson.Group group) {
        List<Object> row = new ArrayList<>(Arrays.asList(group.label(), group.teamId(), group.n(), group.mean(),
                group.ci95() == null ? null : group.ci95().low(), group.ci95() == null ? null : group.ci95().high()));
        for (String band : List.of("LOW", "AVERAGE", "HIGH")) {
            row.add(group.bands() == null ? null : group.bands().get(band).count());
        }
        for (String band : List.of("LOW", "AVERAGE", "HIGH")) {
            row.add(group.bands() == null ? null : group.bands().get(band).percent());
        }
        row.add(group.columns() == null ? null : group.columns().a());
        row.add(group.columns() == null ? null : group.columns().b());
        row.add(group.columns() == null ? null : group.columns().c());
        for (int question : Instruments.current().questionNumbers()) {
            ReportJson.Question figures = group.questions().stream().filter(one -> one.question() == question)
                    .findFirst().orElse(null);
            row.add(figures == null ? null : figures.meanPoints());
            for (String option : List.of("a", "b", "c")) {
                row.add(figures == null ? null : figures.options().get(option).count());
            }
        }
        return row;
    }

    static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
