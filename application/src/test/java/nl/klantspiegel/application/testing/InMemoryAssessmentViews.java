package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model in memory, for tests. It can play a read model that lags: {@link #afterNextRead} lets something
 * happen (typically the projection of an event) right after the next read, so that read still sees the store as it
 * was. That makes "the view is updated between the reader's read and its wait" deterministic.
 */
public final class InMemoryAssessmentViews implements AssessmentViews {

    private final Map<AssessmentId, AssessmentView> views = new HashMap<>();
    private final Map<AssessmentId, List<RecordedEvent>> histories = new HashMap<>();
    private final Deque<Runnable> afterRead = new ArrayDeque<>();
    private final ThreadLocal<Boolean> inChange = ThreadLocal.withInitial(() -> false);
    private int reads;

    @Override
    public Optional<AssessmentView> find(AssessmentId id) {
        Optional<AssessmentView> seen;
        Runnable next;
        synchronized (this) {
            reads++;
            seen = Optional.ofNullable(views.get(id));
            next = inChange.get() ? null : afterRead.poll();
        }
        if (next != null) {
            inChange.set(true);
            try {
                next.run();
            } finally {
                inChange.set(false);
            }
        }
        return seen;
    }

    @Override
    public synchronized Optional<List<RecordedEvent>> history(AssessmentId id) {
        return Optional.ofNullable(histories.get(id)).map(List::copyOf);
    }

    @Override
    public synchronized java.util.Map<AssessmentId, List<RecordedEvent>> histories(
            java.util.Collection<AssessmentId> ids) {
        java.util.Map<AssessmentId, List<RecordedEvent>> found = new java.util.HashMap<>();
        ids.forEach(id -> Optional.ofNullable(histories.get(id)).ifPresent(history -> found.put(id,
                List.copyOf(history))));
        return found;
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

    /**
     * Runs {@code change} once, just after the next {@link #find} has read the store. Reads made by a change itself
     * (the projection reads the view it updates) do not count as that next read.
     */
    public synchronized void afterNextRead(Runnable change) {
        afterRead.add(change);
    }

    /** How often the views were read, by anyone. */
    public synchronized int reads() {
        return reads;
    }
}
