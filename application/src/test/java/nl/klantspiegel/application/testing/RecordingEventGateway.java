package nl.klantspiegel.application.testing;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event published, in order. */
public final class RecordingEventGateway implements EventGateway {

    private final List<Object> published = new ArrayList<>();

    @Override
    public void publish(List<?> events) {
        published.addAll(events);
    }

    public List<Object> published() {
        return published;
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super EventMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException();
    }
}
