package nl.klantspiegel.domain.release;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When releases are made: at whole multiples of a period (by default every whole hour), so that the moment of a release
 * says no more about a respondent than that they finished before it. Catching up after a pause (a new installation
 * with history, a demo made of the past), one release is tried per day first, at midnight, so that history keeps its
 * days.
 *
 * @param every the period; from a second to a day
 */
public record ReleaseSchedule(Duration every, ZoneId zone) {

    public static final Duration HOURLY = Duration.ofHours(1);

    public ReleaseSchedule {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(zone, "zone");
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("releases are made every second to every day, not every " + every);
        }
    }

    /** The latest cutoff at or before a moment: a whole multiple of the period since the epoch. */
    public Instant cutoffAt(Instant moment) {
        long period = every.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), period) * period);
    }

    /**
     * The cutoffs to try, in order, to catch up from {@code since} (exclusive) to {@code now}: every midnight between
     * them that lies more than a period before now, then {@link #cutoffAt(Instant) the cutoff at now}.
     */
    public List<Instant> catchUp(Instant since, Instant now) {
        Instant last = cutoffAt(now);
        List<Instant> cutoffs = new ArrayList<>();
        if (!last.isAfter(since)) {
            return cutoffs;
        }
        LocalDate day = since.atZone(zone).toLocalDate().plusDays(1);
        for (Instant midnight = day.atStartOfDay(zone).toInstant(); midnight.isBefore(last.minus(every));
             day = day.plusDays(1), midnight = day.atStartOfDay(zone).toInstant()) {
            cutoffs.add(midnight);
        }
        cutoffs.add(last);
        return cutoffs;
    }
}
