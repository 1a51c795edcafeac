package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organisation views in memory. Like the assessment views of the tests, it can play a read model that lags:
 * {@link #afterNextRead} lets something happen (the projection of an event) right after the next read, which still
 * sees the store as it was.
 */
public final class InMemoryOrganisationViews implements OrganisationViews {

    private final Map<String, OrganisationView> views = new HashMap<>();
    private final Map<String, Summary> summaries = new LinkedHashMap<>();
    private final Deque<Runnable> afterRead = new ArrayDeque<>();
    private final ThreadLocal<Boolean> inChange = ThreadLocal.withInitial(() -> false);

    @Override
    public Optional<OrganisationView> find(String organisationId) {
        Optional<OrganisationView> seen;
        Runnable next;
        synchronized (this) {
            seen = Optional.ofNullable(views.get(organisationId));
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
    public synchronized void save(OrganisationView view) {
        OrganisationView stored = views.get(view.id());
        if (stored == null || stored.version() < view.version()) {
            views.put(view.id(), view);
            summaries.put(view.id(), new Summary(view.id(), view.name()));
        } else {
            summaries.putIfAbsent(view.id(), new Summary(view.id(), stored.name()));
        }
    }

    @Override
    public synchronized List<Summary> all() {
        return new ArrayList<>(summaries.values());
    }

    @Override
    public synchronized void clear() {
        views.clear();
        summaries.clear();
    }

    /** Forgets the view of an organisation but keeps it in the list of all (a store caught between two writes). */
    public synchronized void dropViewOnly(String organisationId) {
        views.remove(organisationId);
    }

    /** Runs {@code change} once, just after the next {@link #find} (not counting reads made by a change). */
    public synchronized void afterNextRead(Runnable change) {
        afterRead.add(change);
    }
}
