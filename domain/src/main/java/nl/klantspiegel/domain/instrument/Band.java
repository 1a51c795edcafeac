package nl.klantspiegel.domain.instrument;

/** The three score bands of the instrument, from least to most customer-oriented. */
public enum Band {
    LOW, AVERAGE, HIGH
}
