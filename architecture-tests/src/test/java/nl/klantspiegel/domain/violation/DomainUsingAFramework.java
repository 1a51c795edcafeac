package nl.klantspiegel.domain.violation;

import org.axonframework.eventhandling.EventHandler;

/** Deliberately wrong: a domain class reaching for a framework. */
public class DomainUsingAFramework {
    @EventHandler
    void on(Object event) {
    }
}
