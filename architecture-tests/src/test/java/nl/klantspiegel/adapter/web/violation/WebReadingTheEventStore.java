package nl.klantspiegel.adapter.web.violation;

import org.axonframework.eventsourcing.eventstore.EventStore;

/** Deliberately wrong: a controller reading the events from Axon's event store instead of the history use case. */
public class WebReadingTheEventStore {
    long events(EventStore events, String id) {
        return events.readEvents(id).asStream().count();
    }
}
