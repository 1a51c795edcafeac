package nl.klantspiegel.domain.instrument;

import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Band.AVERAGE;
import static nl.klantspiegel.domain.instrument.Band.HIGH;
import static nl.klantspiegel.domain.instrument.Band.LOW;

/** Every published version of the instrument. A version, once published, never changes. */
public final class Instruments {

    /**
     * Version 1: "Klantgerichtheid, wie is er tegen?". The score table is the one printed on the form,
     * one row per question, columns a, b, c.
     */
    private static final Instrument VERSION_1 = new Instrument(1,
            new int[][]{
                    {1, 3, 5},
                    {3, 5, 1},
                    {5, 1, 3},
                    {3, 5, 1},
                    {3, 1, 5},
                    {1, 3, 5},
            },
            List.of(new BandRange(LOW, 6, 12), new BandRange(AVERAGE, 13, 22), new BandRange(HIGH, 23, 30)));

    private static final Map<Integer, Instrument> BY_VERSION = Map.of(1, VERSION_1);

    private Instruments() {
    }

    /** The version new assessments are taken with. */
    public static Instrument current() {
        return VERSION_1;
    }

    /** @throws UnknownInstrumentVersion when no such version was ever published */
    public static Instrument version(int version) {
        Instrument instrument = BY_VERSION.get(version);
        if (instrument == null) {
            throw new UnknownInstrumentVersion(version);
        }
        return instrument;
    }

    public static final class UnknownInstrumentVersion extends IllegalArgumentException {
        UnknownInstrumentVersion(int version) {
            super("Instrument version " + version + " does not exist.");
        }
    }
}
