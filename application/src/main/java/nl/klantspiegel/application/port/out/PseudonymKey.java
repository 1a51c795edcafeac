package nl.klantspiegel.application.port.out;

/**
 * The installation's secret for the pseudonyms under which exports name assessments: made once, at random, and kept
 * in the shared store, so every node and every export names an assessment alike.
 */
public interface PseudonymKey {

    /** The key: at least 32 bytes, the same on every call and every node. */
    byte[] key();
}
