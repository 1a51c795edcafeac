package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.processing.ProjectionCatchUp;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Map;

/**
 * Part of the readiness group ({@code /actuator/health/readiness}): out of service until every projection has
 * caught up with the events stored before the start. Details (positions) are not shown without credentials.
 */
class ProjectionsHealth extends AbstractHealthIndicator {

    private final ProjectionCatchUp catchUp;
    private final ObjectProvider<Configuration> axon;

    ProjectionsHealth(ProjectionCatchUp catchUp, ObjectProvider<Configuration> axon) {
        super("Projection catch-up check failed");
        this.catchUp = catchUp;
        this.axon = axon;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, ProjectionCatchUp.Progress> progress =
                catchUp.progress(axon.getObject().eventProcessingConfiguration().eventProcessors().keySet());
        boolean caughtUp = progress.values().stream().allMatch(ProjectionCatchUp.Progress::caughtUp);
        health.status(caughtUp ? "UP" : "OUT_OF_SERVICE");
        progress.forEach((name, state) -> health.withDetail(name, Map.of(
                "caughtUp", state.caughtUp(),
                "position", state.position().isPresent() ? state.position().getAsLong() : "none",
                "headAtStart", state.headAtStart().isPresent() ? state.headAtStart().getAsLong() : "none")));
    }
}
