package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.RoundSchedulesUseCase;
import nl.klantspiegel.application.port.out.OrganisationViews;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Finds, on the organisations' views, those whose rounds have a moment due, and asks each such organisation to put it
 * on record: the aggregate decides again on its own events, so a view that is behind, or another node that got there
 * first, makes at most a command that records nothing. An organisation that fails is left for the next time; the
 * others are not held up by it.
 */
public final class RoundScheduleService implements RoundSchedulesUseCase {

    private final CommandGateway commands;
    private final OrganisationViews views;
    private final OrganisationReadModels readModels;
    private final Clock clock;

    public RoundScheduleService(CommandGateway commands, OrganisationViews views, OrganisationReadModels readModels,
                                Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.views = Objects.requireNonNull(views, "views");
        this.readModels = Objects.requireNonNull(readModels, "readModels");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Kept keepSchedules() {
        Instant now = clock.instant();
        int recorded = 0;
        java.util.Map<String, String> failures = new java.util.LinkedHashMap<>();
        for (OrganisationViews.Summary summary : views.all()) {
            OrganisationView view = views.find(summary.id()).orElse(null);
            if (view == null || view.organisation().keepSchedule(now).isEmpty()) {
                continue;
            }
            try {
                OrganisationChange change = commands.sendAndWait(new KeepScheduleCommand(summary.id(), now));
                if (change != null && !change.events().isEmpty()) {
                    readModels.record(change.view(), change.events());
                    recorded++;
                }
            } catch (RuntimeException failed) {
                failures.put(summary.id(), failed.toString());
            }
        }
        return new Kept(recorded, failures);
    }
}
