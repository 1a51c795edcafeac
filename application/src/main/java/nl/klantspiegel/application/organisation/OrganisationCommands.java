package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Objects;

/**
 * Sends a command to an organisation and writes what it changed through to the read models before answering with
 * the organisation as the command left it: the next request reads it on any node, with no projection to wait for.
 */
public final class OrganisationCommands {

    private final CommandGateway commands;
    private final OrganisationReadModels readModels;

    public OrganisationCommands(CommandGateway commands, OrganisationReadModels readModels) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.readModels = Objects.requireNonNull(readModels, "readModels");
    }

    OrganisationView send(String organisationId, Object command) {
        OrganisationChange change;
        try {
            change = commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            throw new NotFound("Organisation " + organisationId);
        }
        Objects.requireNonNull(change, "the organisation answers every command with what it changed");
        readModels.record(change.view(), change.events());
        return change.view();
    }
}
