package nl.klantspiegel.adapter.persistence.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@code AssessmentStarted} in its first shape as its second: before organisations existed an assessment was
 * started without {@code participation}; such an event (revision 1, or stored before revisions, without one) is read
 * with {@code "participation": null} — the public test — and revision 2. A stored event is never changed.
 */
public final class AssessmentStartedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = AssessmentStarted.class.getName();
    private static final SimpleSerializedType CURRENT = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && (revision == null || revision.equals("1"));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(CURRENT, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode object && !object.has("participation")) {
                object.putNull("participation");
            }
            return payload;
        });
    }
}
