package nl.klantspiegel.application.port.in;

import java.util.List;
import java.util.Objects;

/** Where every projection stands against the event store: for the operator. */
public interface ProjectionsQuery {

    /** Every projection (processing group), by name. */
    List<ProjectionStatus> projections(Caller caller);

    enum Status { CAUGHT_UP, REBUILDING }

    /**
     * One projection.
     *
     * @param position        the position up to which it has processed every event (0 before its first)
     * @param head            the newest position in the event store
     * @param eventsPerSecond how fast its position moved lately (0 when it did not, or not known yet)
     * @param percent         while rebuilding: how far it is, from 0 to 100; null when caught up
     * @param etaSeconds      while rebuilding: the time left at the current speed; null when caught up or unknown
     */
    record ProjectionStatus(String name, Status status, long position, long head, double eventsPerSecond,
                            @Nullable Double percent, @Nullable Long etaSeconds) {
        public ProjectionStatus {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
        }
    }
}
