package nl.klantspiegel.application.port.out;

import java.util.OptionalLong;

/**
 * How far each projection has come, as the token store that every node shares keeps it: whether it has caught up
 * with the events stored before this node started (until then a view may lack what was acknowledged before a
 * restart or a crash), and its position.
 */
public interface ProjectionProgress {

    /** Whether the views of this projection (its processing group) show at least every event stored before the start. */
    boolean isCaughtUp(String projection);

    /** The position up to which the projection has processed every event (its slowest segment); empty before its first. */
    OptionalLong position(String projection);
}
