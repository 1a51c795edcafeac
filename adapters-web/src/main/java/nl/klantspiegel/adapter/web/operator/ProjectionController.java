package nl.klantspiegel.adapter.web.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ProjectionsQuery;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The projections' state, for the installation's operator. */
@RestController
@Tag(name = "Projections", description = "Where every projection stands against the event store (the operator)")
class ProjectionController {

    private final ProjectionsQuery projections;

    ProjectionController(ProjectionsQuery projections) {
        this.projections = projections;
    }

    @GetMapping(path = "/api/projections", produces = "application/json")
    @Operation(summary = "Every projection: its position, the head of the event store, CAUGHT_UP or REBUILDING, "
            + "events per second, and while rebuilding the percentage done and the estimated seconds left")
    ResponseEntity<List<ProjectionsQuery.ProjectionStatus>> projections(@AuthenticationPrincipal Caller caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(projections.projections(caller));
    }
}
