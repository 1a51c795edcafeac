package nl.klantspiegel.domain.instrument;

import java.util.List;
import java.util.Objects;

/** The inclusive range of total scores that falls in one band. */
public record BandRange(Band band, int from, int to) {
    public BandRange {
        Objects.requireNonNull(band, "band");
        if (from > to) {
            throw new IllegalArgumentException("empty band range " + from + ".." + to);
        }
    }

    boolean contains(int total) {
        return total >= from && total <= to;
    }

    /**
     * The one rule for band limits, the instrument's own and every alternative scoring's: one range for every band
     * (each has a title and a diagnosis), none reaching outside the scale, every possible total in exactly one band,
     * and the bands rising in the order LOW, AVERAGE, HIGH.
     *
     * @throws IllegalArgumentException naming the first thing wrong
     */
    public static void requireCover(List<BandRange> ranges, int lowest, int highest) {
        for (Band band : Band.values()) {
            long count = ranges.stream().filter(range -> range.band() == band).count();
            if (count != 1) {
                throw new IllegalArgumentException("band " + band + " has " + count + " ranges; every band needs one");
            }
        }
        for (BandRange range : ranges) {
            if (range.from() < lowest || range.to() > highest) {
                throw new IllegalArgumentException("band " + range.band() + " (" + range.from() + ".." + range.to()
                        + ") reaches outside the scale " + lowest + ".." + highest);
            }
        }
        for (int total = lowest; total <= highest; total++) {
            int finalTotal = total;
            long covering = ranges.stream().filter(range -> range.contains(finalTotal)).count();
            if (covering != 1) {
                throw new IllegalArgumentException("total " + total + " is covered by " + covering + " bands");
            }
        }
        BandRange below = null;
        for (Band band : Band.values()) {
            BandRange range = ranges.stream().filter(candidate -> candidate.band() == band).findFirst().orElseThrow();
            if (below != null && range.from() < below.to()) {
                throw new IllegalArgumentException("band " + band + " (" + range.from() + ".." + range.to()
                        + ") lies below band " + below.band() + " (" + below.from() + ".." + below.to()
                        + "): the bands rise in the order LOW, AVERAGE, HIGH");
            }
            below = range;
        }
    }
}
