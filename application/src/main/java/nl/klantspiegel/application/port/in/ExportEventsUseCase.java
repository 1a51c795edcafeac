package nl.klantspiegel.application.port.in;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event log for analysts: every event, or an organisation's, in position order, resumable. The caller writes
 * the lines (and chains them); this decides which events, reads them in windows so an export of any size uses the
 * same memory, and records an organisation's export in its audit trail once it ends.
 */
public interface ExportEventsUseCase {

    /** Every event of the installation: the operator only. */
    EventExport everything(Caller caller, Filter filter);

    /**
     * The events of one organisation and its released results, as its reports show them: its admins and analysts.
     * Positions are the organisation's own: its n-th event (or release) has position n, and the lines of a release's
     * assessments carry the release's.
     */
    EventExport ofOrganisation(Caller caller, String organisationId, Filter filter);

    /** The event names a {@code type} filter accepts. */
    Set<String> eventTypes();

    /**
     * What to export.
     *
     * @param after only events after this position (0: from the first)
     * @param from  only events recorded at or after this instant, or null
     * @param to    only events recorded before this instant, or null
     * @param types only events of these names; empty: all
     */
    record Filter(long after, Instant from, Instant to, Set<String> types) {
        public Filter {
            if (after < 0) {
                throw new InvalidRequest("after is a position: 0 or more.");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new InvalidRequest("from must be before to.");
            }
            types = Set.copyOf(new TreeSet<>(types == null ? Set.of() : types));
        }

        /** As the audit trail records it, e.g. {@code after=120 type=AnswerGiven,AssessmentCompleted}. */
        public String text() {
            StringBuilder text = new StringBuilder();
            if (after > 0) {
                text.append("after=").append(after);
            }
            if (from != null) {
                text.append(text.isEmpty() ? "" : " ").append("from=").append(from);
            }
            if (to != null) {
                text.append(text.isEmpty() ? "" : " ").append("to=").append(to);
            }
            if (!types.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append("type=").append(String.join(",", new TreeSet<>(types)));
            }
            return text.toString();
        }
    }

    /**
     * One exported event.
     *
     * @param payloadJson the payload as stored, a JSON text; null when the export shows it otherwise
     * @param payload     the payload as the export shows it (an organisation's view of a respondent's event), to be
     *                    written as JSON; null when it is the stored one
     */
    record ExportedEvent(long position, String eventId, String type, String revision, String aggregateType,
                         String aggregateId, long sequence, Instant timestamp, String payloadJson, Object payload) {
        public ExportedEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timestamp, "timestamp");
            if ((payloadJson == null) == (payload == null)) {
                throw new IllegalArgumentException("an exported event has its stored payload or the one shown");
            }
        }
    }

    /** Receives the events of an export, window by window. */
    interface Sink {
        void event(ExportedEvent event) throws IOException;

        /** A window has been read: a moment to flush. */
        default void endOfWindow() throws IOException {
        }
    }

    /** An export, ready to stream. */
    interface EventExport {
        String exportId();

        /** The newest position when the export began (for an organisation: its own): it holds no event after it. */
        long head();

        /** The organisation, or empty for everything. */
        Optional<String> organisationId();

        Instant startedAt();

        /** Streams the events; returns how many there were. */
        long streamTo(Sink sink) throws IOException;

        /** Records the export in the organisation's audit trail: once, after streaming ended or broke off. */
        void finished(long events, String lastHash, boolean complete);
    }
}
