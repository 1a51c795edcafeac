package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assessment views in memory, for the tests outside the assessment package. */
public final class InMemoryAssessmentViewStore implements AssessmentViews {

    private final Map<AssessmentId, AssessmentView> views = new HashMap<>();
    private final Map<AssessmentId, List<RecordedEvent>> histories = new HashMap<>();

    @Override
    public synchronized Optional<AssessmentView> find(AssessmentId id) {
        return Optional.ofNullable(views.get(id));
    }

    @Override
    public synchronized Optional<List<RecordedEvent>> history(AssessmentId id) {
        return Optional.ofNullable(histories.get(id)).map(List::copyOf);
    }

    @Override
    public synchronized void record(AssessmentView view, RecordedEvent event) {
        views.put(view.id(), view);
        histories.computeIfAbsent(view.id(), key -> new ArrayList<>()).add(event);
    }

    @Override
    public synchronized void clear() {
        views.clear();
        histories.clear();
    }
}
