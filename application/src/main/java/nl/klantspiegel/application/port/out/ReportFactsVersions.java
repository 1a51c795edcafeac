package nl.klantspiegel.application.port.out;

/**
 * The report facts kept in versions, so that a rebuild can fill a new version beside the one that answers, and the
 * product switch to it once it has caught up.
 */
public interface ReportFactsVersions {

    /** The version that answers (0 before any rebuild). */
    int active();

    /** The facts of a version, empty or not. */
    ReportFacts version(int version);

    /** Makes a version the one that answers, also after a restart. */
    void activate(int version);

    /** Removes a version that no longer answers. */
    void drop(int version);
}
