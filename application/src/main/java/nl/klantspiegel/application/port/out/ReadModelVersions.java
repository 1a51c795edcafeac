package nl.klantspiegel.application.port.out;

/**
 * The projections' read models kept in versions, so that a rebuild can fill a new version beside the one that
 * answers, and the product switch to it once it has caught up. A read model is opened by the port out that stores
 * it ({@link OrganisationViews}, {@link ReportFacts}, …); version 0 is the one an installation starts with.
 */
public interface ReadModelVersions {

    /** The version of a projection's read model that answers (0 before any rebuild). */
    int active(String projection);

    /** Makes a version of a projection's read model the one that answers, also after a restart. */
    void activate(String projection, int version);

    /**
     * One version of a read model, empty or not.
     *
     * @param store the port out that stores it
     * @throws IllegalArgumentException for a port that stores no read model
     */
    <T> T open(Class<T> store, int version);

    /** Removes a version of a read model: an old one that no longer answers, or the remains of a broken-off rebuild. */
    void drop(Class<?> store, int version);
}
