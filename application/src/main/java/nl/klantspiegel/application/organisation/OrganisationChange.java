package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.domain.organisation.OrganisationEvent;

import java.util.List;
import java.util.Objects;

/**
 * What a command did to an organisation: the organisation as it left it, and the events it applied (none when the
 * domain found nothing to change).
 */
public record OrganisationChange(OrganisationView view, List<OrganisationEvent> events) {

    public OrganisationChange {
        Objects.requireNonNull(view, "view");
        events = List.copyOf(events);
    }
}
