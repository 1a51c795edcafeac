package nl.klantspiegel.domain.violation;

import nl.klantspiegel.application.port.in.AssessmentNotFound;

/** Deliberately wrong: the domain depending outward, on the application. */
public class DomainUsingTheApplication {
    RuntimeException notFound() {
        return new AssessmentNotFound("x");
    }
}
