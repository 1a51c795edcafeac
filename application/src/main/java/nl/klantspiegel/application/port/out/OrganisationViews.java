package nl.klantspiegel.application.port.out;

import nl.klantspiegel.application.port.in.OrganisationView;

import java.util.List;
import java.util.Optional;

/** Where the read model of organisations is kept: one view per organisation, found by its id, and a list of all. */
public interface OrganisationViews {

    Optional<OrganisationView> find(String organisationId);

    /**
     * Stores the view, and its name in the list of all organisations; kept only when no later version of it is
     * stored, so that writers may come in any order.
     */
    void save(OrganisationView view);

    /** Every organisation's id and name, in the order they were registered. */
    List<Summary> all();

    /** Forgets every organisation view, before they are rebuilt from the events. */
    void clear();

    record Summary(String id, String name) {
    }
}
