package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;

import java.time.Instant;

/** Register a new organisation (the operator). */
public record RegisterOrganisationCommand(String organisationId, String name, int minimumGroupSize, Actor by,
                                          Instant at) {
}
