package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RebuildProjectionUseCase.RebuildRefused;
import nl.klantspiegel.application.port.out.ProjectionRebuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only the operator rebuilds, only a projection that exists here, and one that is rebuilding already is refused. */
class ProjectionRebuildServiceTest {

    private static final Caller OPERATOR = new Caller("op", true);

    private static final class Recording implements ProjectionRebuilder {
        final Set<String> known = Set.of("reports", "audit");
        final List<String> started = new ArrayList<>();

        @Override
        public boolean rebuilds(String projection) {
            return known.contains(projection);
        }

        @Override
        public void start(String projection) {
            if (started.contains(projection)) {
                throw new AlreadyRebuilding(projection);
            }
            started.add(projection);
        }

        @Override
        public OptionalLong position(String projection) {
            return started.contains(projection) ? OptionalLong.of(7) : OptionalLong.empty();
        }
    }

    private final Recording rebuilder = new Recording();
    private final ProjectionRebuildService service = new ProjectionRebuildService(rebuilder);

    @Test
    void the_operator_starts_a_rebuild_and_sees_its_position() {
        service.rebuild(OPERATOR, "reports");

        assertThat(rebuilder.started).containsExactly("reports");
        assertThat(service.rebuildPosition("reports")).hasValue(7);
        assertThat(service.rebuildPosition("audit")).isEmpty();
        assertThat(service.rebuildPosition(null)).isEmpty();
    }

    @Test
    void a_projection_rebuilding_already_is_refused_with_where_to_look() {
        service.rebuild(OPERATOR, "reports");

        assertThatThrownBy(() -> service.rebuild(OPERATOR, "reports")).isInstanceOf(RebuildRefused.class)
                .hasMessage("Projection reports is being rebuilt already; see GET /api/projections.");
    }

    @Test
    void only_the_operator() {
        assertThatThrownBy(() -> service.rebuild(new Caller("member", false), "reports"))
                .isInstanceOf(AccessDenied.class).hasMessage("Only the operator rebuilds projections.");
        assertThat(rebuilder.started).isEmpty();
    }

    @Test
    void only_projections_that_exist_here() {
        assertThatThrownBy(() -> service.rebuild(OPERATOR, "nope")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.rebuild(OPERATOR, null)).isInstanceOf(NotFound.class);
        assertThat(rebuilder.started).isEmpty();
    }

    @Test
    void the_rebuilder_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectionRebuildService(null))
                .withMessage("rebuilder");
    }
}
