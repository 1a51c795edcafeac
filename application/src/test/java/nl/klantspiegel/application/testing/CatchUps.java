package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ProjectionProgress;
import nl.klantspiegel.application.projection.CatchUpWait;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** Waits for the views, for the tests: with nothing to catch up, or where only some projections have caught up. */
public final class CatchUps {

    private static final long HEAD = 41;

    private CatchUps() {
    }

    /** Every projection has caught up (nothing was stored at start); a request would wait at most 5 s. */
    public static CatchUpWait caughtUp() {
        return caughtUp(Duration.ofSeconds(5));
    }

    /** Every projection has caught up; a request would wait at most {@code timeout}. */
    public static CatchUpWait caughtUp(Duration timeout) {
        return new CatchUpWait(onlyCaughtUpProgress(null), timeout);
    }

    /** Events were stored at start; only these projections (processing groups) have caught up with them. */
    public static CatchUpWait onlyCaughtUp(Duration timeout, String... projections) {
        return new CatchUpWait(onlyCaughtUpProgress(List.of(projections)), timeout);
    }

    /** The progress itself: every projection at the head ({@code null}), or only these. */
    public static ProjectionProgress onlyCaughtUpProgress(List<String> projections) {
        return new ProjectionProgress() {
            @Override
            public boolean isCaughtUp(String projection) {
                return projections == null || projections.contains(projection);
            }

            @Override
            public OptionalLong position(String projection) {
                return OptionalLong.of(isCaughtUp(projection) ? HEAD : HEAD - 1);
            }
        };
    }
}
