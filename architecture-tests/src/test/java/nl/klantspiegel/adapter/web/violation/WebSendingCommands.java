package nl.klantspiegel.adapter.web.violation;

import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Instant;

/** Deliberately wrong: a controller sending Axon commands itself, bypassing the use cases. */
public class WebSendingCommands {
    Object start(CommandGateway commands, AssessmentId id, Language language) {
        return commands.sendAndWait(new StartAssessmentCommand(id, language, Instant.now()));
    }
}
