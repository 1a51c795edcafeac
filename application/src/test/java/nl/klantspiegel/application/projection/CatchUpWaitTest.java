package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.port.out.ProjectionProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A use case waits for the views it reads: until each has caught up, polling at intervals, at most the timeout for
 * all of them together; then it gives up naming the first that has not.
 */
class CatchUpWaitTest {

    private static final CatchUpWait.Views ORGANISATIONS = new CatchUpWait.Views("organisations", "organisation views");
    private static final CatchUpWait.Views TRAIL = new CatchUpWait.Views("audit", "audit trail");

    /** Says "not yet" for a projection as often as it is told, then "caught up"; counts what is asked. */
    private static final class Scripted implements ProjectionProgress {
        final Map<String, Integer> notYet = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Scripted notYet(String projection, int times) {
            notYet.put(projection, times);
            return this;
        }

        @Override
        public synchronized boolean isCaughtUp(String projection) {
            asked.add(projection);
            int left = notYet.getOrDefault(projection, 0);
            notYet.put(projection, left - 1);
            return left <= 0;
        }

        @Override
        public OptionalLong position(String projection) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void returns_as_soon_as_every_view_has_caught_up() {
        Scripted progress = new Scripted().notYet("organisations", 3).notYet("audit", 1);

        new CatchUpWait(progress, Duration.ofMinutes(1)).await(ORGANISATIONS, TRAIL);

        assertThat(progress.asked).containsExactly("organisations", "organisations", "organisations", "organisations",
                "audit", "audit");
    }

    @Test
    void views_that_have_caught_up_are_asked_once_and_need_no_time() {
        Scripted progress = new Scripted();

        new CatchUpWait(progress, Duration.ZERO).await(ORGANISATIONS, TRAIL);

        assertThat(progress.asked).containsExactly("organisations", "audit");
    }

    @Test
    void gives_up_after_the_timeout_naming_the_view_that_is_behind() {
        Scripted progress = new Scripted().notYet("audit", Integer.MAX_VALUE);

        assertThatThrownBy(() -> new CatchUpWait(progress, Duration.ofMillis(50)).await(ORGANISATIONS, TRAIL))
                .isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("audit trail")
                .hasMessageContaining("50 ms");
    }

    /** The timeout holds for the request, not for each view: two views behind do not double it. */
    @Test
    void one_timeout_for_all_the_views_together() {
        Scripted progress = new Scripted().notYet("organisations", 6).notYet("audit", Integer.MAX_VALUE);

        assertThatThrownBy(() -> new CatchUpWait(progress, Duration.ofMillis(200)).await(ORGANISATIONS, TRAIL))
                .isInstanceOf(ViewsCatchingUp.class).hasMessageContaining("audit trail");
        long audit = progress.asked.stream().filter("audit"::equals).count();
        assertThat(audit).as("asked about the trail in what was left of 200 ms after ~150 ms").isBetween(1L, 4L);
    }

    /** Not a busy loop: in 300 ms at a 25 ms interval it asks some 12 times; a spinning loop would ask millions. */
    @Test
    void polls_at_intervals() {
        Scripted progress = new Scripted().notYet("organisations", Integer.MAX_VALUE);

        assertThatThrownBy(() -> new CatchUpWait(progress, Duration.ofMillis(300)).await(ORGANISATIONS))
                .isInstanceOf(ViewsCatchingUp.class);
        assertThat(progress.asked.size()).isBetween(2, 30);
    }

    @Test
    void an_interrupted_wait_gives_up_and_stays_interrupted() {
        Scripted progress = new Scripted().notYet("organisations", Integer.MAX_VALUE);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new CatchUpWait(progress, Duration.ofMinutes(1)).await(ORGANISATIONS))
                    .isInstanceOf(ViewsCatchingUp.class).hasMessageContaining("organisation views");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void what_it_needs_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new CatchUpWait(null, Duration.ZERO)).withMessage("progress");
        assertThatNullPointerException().isThrownBy(() -> new CatchUpWait(new Scripted(), null))
                .withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> new CatchUpWait.Views(null, "x")).withMessage("projection");
        assertThatNullPointerException().isThrownBy(() -> new CatchUpWait.Views("x", null))
                .withMessage("description");
    }
}
