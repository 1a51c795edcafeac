package nl.klantspiegel.adapter.web.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ProjectionsQuery;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectionController.class);

    private final ProjectionsQuery projections;
    private final RebuildProjectionUseCase rebuilds;

    ProjectionController(ProjectionsQuery projections, RebuildProjectionUseCase rebuilds) {
        this.projections = projections;
        this.rebuilds = rebuilds;
    }

    record RebuildStarted(String name, String status) {
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.ACCEPTED)
    @org.springframework.web.bind.annotation.PostMapping(path = "/api/projections/{name}/rebuild",
            produces = "application/json")
    @Operation(summary = "Rebuild a projection from the first event while the product keeps serving: 202",
            description = "The new version is built beside the old one, which keeps answering; once it has caught up "
                    + "the product switches to it and drops the old one. Follow it with GET /api/projections. A "
                    + "second rebuild of the same projection while one runs: 409; different projections may rebuild at "
                    + "once. Every projection can be rebuilt so: answers given meanwhile are in the new version.")
    ResponseEntity<RebuildStarted> rebuild(@AuthenticationPrincipal Caller caller,
                                           @org.springframework.web.bind.annotation.PathVariable String name) {
        rebuilds.rebuild(caller, name);
        log.info("Rebuild of projection {} started (asked by account {}); its progress follows in this log.", name,
                caller.accountId());
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore())
                .body(new RebuildStarted(name, "REBUILDING"));
    }

    @GetMapping(path = "/api/projections", produces = "application/json")
    @Operation(summary = "Every projection: its position, the head of the event store, CAUGHT_UP or REBUILDING, "
            + "events per second, and while rebuilding the percentage done and the estimated seconds left")
    ResponseEntity<List<ProjectionsQuery.ProjectionStatus>> projections(@AuthenticationPrincipal Caller caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(projections.projections(caller));
    }
}
