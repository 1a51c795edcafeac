package nl.klantspiegel.adapter.web.violation;

import nl.klantspiegel.adapter.processing.ProjectionCatchUp;

/** Deliberately wrong: a controller asking the processing adapter instead of a use case. */
public class WebUsingTheProcessingAdapter {
    boolean ready(ProjectionCatchUp catchUp) {
        return catchUp.isCaughtUp("reports");
    }
}
