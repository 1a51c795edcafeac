package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ProjectionsQuery.ProjectionStatus;
import nl.klantspiegel.application.port.in.ProjectionsQuery.Status;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionStatusServiceTest {

    private static final Caller OPERATOR = new Caller("op", true);
    private static final long SECOND = 1_000_000_000L;

    final Map<String, Long> positions = new HashMap<>(Map.of("reports", 0L, "assessment-views", 1_000L));
    final Set<String> replaying = new HashSet<>(Set.of("reports"));
    final Set<String> behind = new HashSet<>();
    long head = 1_000;
    long nanos = 5 * SECOND;

    final ProjectionStatusService service = new ProjectionStatusService(positions::keySet,
            name -> positions.get(name) == 0 ? OptionalLong.empty() : OptionalLong.of(positions.get(name)),
            replaying::contains, name -> !behind.contains(name) && !replaying.contains(name), () -> head, () -> nanos);

    @Test
    void a_rebuild_shows_its_progress_speed_and_time_left_and_ends_caught_up() {
        List<ProjectionStatus> first = service.projections(OPERATOR);
        assertThat(first).containsExactly(
                new ProjectionStatus("assessment-views", Status.CAUGHT_UP, 1_000, 1_000, 0, null, null),
                new ProjectionStatus("reports", Status.REBUILDING, 0, 1_000, 0, 0.0, null));

        nanos += 2 * SECOND;
        positions.put("reports", 250L);
        head = 1_100;
        ProjectionStatus moving = service.projections(OPERATOR).get(1);
        assertThat(moving).isEqualTo(new ProjectionStatus("reports", Status.REBUILDING, 250, 1_100, 125.0, 22.7, 7L));

        nanos += SECOND / 2;
        positions.put("reports", 300L);
        assertThat(service.projections(OPERATOR).get(1).eventsPerSecond())
                .as("under a second later: the last speed").isEqualTo(125.0);
        assertThat(service.projections(OPERATOR).get(1).etaSeconds()).isEqualTo(7L);

        nanos += SECOND / 2;
        positions.put("reports", 1_100L);
        replaying.remove("reports");
        assertThat(service.projections(OPERATOR).get(1))
                .isEqualTo(new ProjectionStatus("reports", Status.CAUGHT_UP, 1_100, 1_100, 850.0, null, null));
    }

    @Test
    void a_projection_not_yet_caught_up_since_the_start_is_rebuilding_even_when_not_replaying() {
        positions.put("assessment-views", 900L);
        behind.add("assessment-views");
        ProjectionStatus catchingUp = service.projections(OPERATOR).get(0);
        assertThat(catchingUp.status()).isEqualTo(Status.REBUILDING);
        assertThat(catchingUp.percent()).isEqualTo(90.0);

        behind.clear();
        ProjectionStatus live = service.projections(OPERATOR).get(0);
        assertThat(live.status()).as("live, a few events in flight").isEqualTo(Status.CAUGHT_UP);
        assertThat(live.percent()).isNull();
    }

    @Test
    void a_position_past_the_head_read_a_moment_earlier_is_done() {
        positions.put("reports", 1_050L);
        ProjectionStatus status = service.projections(OPERATOR).get(1);
        assertThat(status.percent()).isEqualTo(100.0);
    }

    @Test
    void a_replay_at_the_head_is_still_rebuilding() {
        positions.put("reports", 1_000L);
        assertThat(service.projections(OPERATOR).get(1).status()).isEqualTo(Status.REBUILDING);
        assertThat(service.projections(OPERATOR).get(1).percent()).isEqualTo(100.0);
    }

    @Test
    void an_empty_store_is_all_done() {
        head = 0;
        positions.put("assessment-views", 0L);
        replaying.clear();
        assertThat(service.projections(OPERATOR)).extracting(ProjectionStatus::status)
                .containsOnly(Status.CAUGHT_UP);
    }

    @Test
    void a_reset_starts_the_speed_afresh() {
        positions.put("reports", 500L);
        service.projections(OPERATOR);
        nanos += 2 * SECOND;
        positions.put("reports", 10L);
        assertThat(service.projections(OPERATOR).get(1).eventsPerSecond()).isZero();
    }

    @Test
    void only_the_operator_sees_them() {
        assertThatThrownBy(() -> service.projections(new Caller("m", false))).isInstanceOf(AccessDenied.class);
    }
}
