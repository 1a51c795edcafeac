package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase;
import nl.klantspiegel.application.port.out.ProjectionRebuilder;

import java.util.Objects;
import java.util.OptionalLong;

/** The operator rebuilds a projection while the product keeps serving; how, is the {@link ProjectionRebuilder}'s. */
public final class ProjectionRebuildService implements RebuildProjectionUseCase {

    private final ProjectionRebuilder rebuilder;

    public ProjectionRebuildService(ProjectionRebuilder rebuilder) {
        this.rebuilder = Objects.requireNonNull(rebuilder, "rebuilder");
    }

    @Override
    public void rebuild(Caller caller, String projection) {
        if (!caller.operator()) {
            throw new AccessDenied("Only the operator rebuilds projections.");
        }
        if (projection == null || !rebuilder.rebuilds(projection)) {
            throw new NotFound("Projection " + projection);
        }
        try {
            rebuilder.start(projection);
        } catch (ProjectionRebuilder.AlreadyRebuilding running) {
            throw new RebuildRefused("Projection " + projection
                    + " is being rebuilt already; see GET /api/projections.");
        }
    }

    @Override
    public OptionalLong rebuildPosition(String projection) {
        return projection == null ? OptionalLong.empty() : rebuilder.position(projection);
    }
}
