package nl.klantspiegel.domain.instrument;

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
}
