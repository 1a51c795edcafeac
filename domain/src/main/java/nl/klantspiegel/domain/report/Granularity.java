package nl.klantspiegel.domain.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The periods a trend is shown in: ISO weeks (Monday to Sunday), calendar months, quarters and years. Months nest in
 * quarters and years; a week may straddle two months.
 */
public enum Granularity {
    WEEK, MONTH, QUARTER, YEAR;

    /** The period of this granularity that holds a day. */
    public Period periodOf(LocalDate day) {
        return switch (this) {
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(this, monday, monday.plusDays(6), String.format(Locale.ROOT, "%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            }
            case MONTH -> {
                LocalDate first = day.withDayOfMonth(1);
                yield new Period(this, first, first.plusMonths(1).minusDays(1),
                        String.format(Locale.ROOT, "%d-%02d", first.getYear(), first.getMonthValue()));
            }
            case QUARTER -> {
                int quarter = (day.getMonthValue() - 1) / 3;
                LocalDate first = LocalDate.of(day.getYear(), quarter * 3 + 1, 1);
                yield new Period(this, first, first.plusMonths(3).minusDays(1),
                        String.format(Locale.ROOT, "%d-Q%d", first.getYear(), quarter + 1));
            }
            case YEAR -> {
                LocalDate first = LocalDate.of(day.getYear(), 1, 1);
                yield new Period(this, first, first.plusYears(1).minusDays(1), Integer.toString(day.getYear()));
            }
        };
    }

    /** Reads "week", "month", "quarter" or "year" (any case). */
    public static Granularity fromName(String name) {
        for (Granularity granularity : values()) {
            if (granularity.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return granularity;
            }
        }
        throw new IllegalArgumentException("granularity must be week, month, quarter or year, not " + name);
    }
}
