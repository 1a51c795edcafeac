package nl.klantspiegel.adapter.web.violation;

import nl.klantspiegel.application.port.out.OrganisationViews;

/** Deliberately wrong: a controller reading the read model through an outgoing port, past the use cases. */
public class WebUsingAnOutgoingPort {
    Object view(OrganisationViews views, String organisationId) {
        return views.find(organisationId);
    }
}
