package nl.klantspiegel.domain.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One week, month, quarter or year: its first and last day (inclusive) and its label ("2026-W05", "2026-Q1"). */
public record Period(Granularity granularity, LocalDate start, LocalDate end, String label) {

    public Period {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(label, "label");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period ends on or after its start");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public Period next() {
        return granularity.periodOf(end.plusDays(1));
    }

    /**
     * Every period of a granularity from the one that holds {@code from} to the one that holds {@code to}.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from} or there would be more than {@code limit}
     */
    public static List<Period> between(Granularity granularity, LocalDate from, LocalDate to, int limit) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        List<Period> periods = new ArrayList<>();
        for (Period period = granularity.periodOf(from); !period.start().isAfter(to); period = period.next()) {
            if (periods.size() == limit) {
                throw new IllegalArgumentException("the range holds more than " + limit + " periods of a "
                        + granularity.name().toLowerCase(java.util.Locale.ROOT));
            }
            periods.add(period);
        }
        return periods;
    }
}
