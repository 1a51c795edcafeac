package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The projections' read models kept in versions, so that a rebuild can fill a new version beside the one that
 * answers, and every node switch to it once it has caught up. A read model is opened by the port out that stores
 * it ({@link OrganisationViews}, {@link ReportFacts}, …); version 0 is the one an installation starts with. Which
 * version answers is stored, shared by every node; so are the versions no longer answering that wait to be dropped.
 */
public interface ReadModelVersions {

    /** The version of a projection's read model that answers (0 before any rebuild). */
    int active(String projection);

    /** The answering version of each of these projections, read at once. */
    Map<String, Integer> active(Collection<String> projections);

    /**
     * A version number for a new build of a projection that no build of it has had before (not even one that broke
     * off): higher than the answering version and every number handed out earlier.
     */
    int allocate(String projection);

    /**
     * Makes {@code version} the one that answers, also after a restart, if {@code expected} still answers (compare
     * and set), and records {@code expected} as retired at {@code at}, in one step.
     *
     * @return whether it switched; {@code false} when another version answers than expected
     */
    boolean activate(String projection, int expected, int version, Instant at);

    /** Records a version that does not answer (a build that broke off) as retired at {@code at}, to be dropped. */
    void retire(String projection, int version, Instant at);

    /** Every retired version of these projections, oldest first. */
    List<Retired> retired(Collection<String> projections);

    /** Forgets a retired version once it is dropped. */
    void forget(Retired retired);

    /**
     * One version of a read model, empty or not.
     *
     * @param store the port out that stores it
     * @throws IllegalArgumentException for a port that stores no read model
     */
    <T> T open(Class<T> store, int version);

    /** Removes a version of a read model: a retired one, or the remains of a broken-off build. */
    void drop(Class<?> store, int version);

    /** A version that no longer answers (or never did), since {@code at}. */
    record Retired(String projection, int version, Instant at) {
    }
}
