package nl.klantspiegel.application.export;

import nl.klantspiegel.application.access.MemberGate;
import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportEventsUseCase;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.EventLog.StoredEvent;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.PseudonymKey;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.export.OrganisationExport;
import nl.klantspiegel.domain.export.Pseudonyms;
import nl.klantspiegel.domain.organisation.DataExported;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.release.ReleaseEvent;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Exports the event log: everything as stored, for the operator (the installation's backup), or an organisation's as
 * its reports show it ({@link OrganisationExport}), for its admins and analysts. Reads in windows (the whole log) or a
 * release at a time (an organisation's), so an export of any size holds little in memory, and never chases events
 * stored after it began.
 */
public final class EventExportService implements ExportEventsUseCase {

    static final int WINDOW = 500;
    /** The assessments of a release whose histories are read at once. */
    static final int HISTORIES = 200;

    private static final Set<String> EVENT_TYPES = eventTypes(AssessmentEvent.class, OrganisationEvent.class,
            AccountEvent.class, ReleaseEvent.class);

    private final EventLog log;
    private final OrganisationViews organisations;
    private final PseudonymKey key;
    private final Consumer<RecordExportCommand> recorder;
    private final Clock clock;

    public EventExportService(EventLog log, OrganisationViews organisations, PseudonymKey key, CommandGateway commands,
                              Clock clock) {
        this(log, organisations, key, command -> commands.sendAndWait(command), clock);
    }

    EventExportService(EventLog log, OrganisationViews organisations, PseudonymKey key,
                       Consumer<RecordExportCommand> recorder, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.key = Objects.requireNonNull(key, "key");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public EventExport everything(Caller caller, Filter filter) {
        if (!caller.operator()) {
            throw new AccessDenied("Only the operator exports every event; members export their organisation's.");
        }
        return new LogExport(requireKnownTypes(filter), caller);
    }

    @Override
    public EventExport ofOrganisation(Caller caller, String organisationId, Filter filter) {
        MemberGate.Member member = MemberGate.member(caller, organisationId, organisations,
                "The operator exports no organisation's data; its admins and analysts do.");
        if (!member.membership().mayExport()) {
            throw new AccessDenied("Only the organisation's admins and analysts export its data.");
        }
        return new OrganisationEventExport(member.organisation(), requireKnownTypes(filter), caller);
    }

    private static Filter requireKnownTypes(Filter filter) {
        Set<String> unknown = new TreeSet<>(filter.types());
        unknown.removeAll(EVENT_TYPES);
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("Unknown event type " + String.join(", ", unknown) + "; known are "
                    + String.join(", ", new TreeSet<>(EVENT_TYPES)) + ".");
        }
        return filter;
    }

    @SafeVarargs
    private static Set<String> eventTypes(Class<?>... families) {
        return Arrays.stream(families).flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean wanted(Filter filter, String type, Instant timestamp) {
        return (filter.types().isEmpty() || filter.types().contains(type))
                && (filter.from() == null || !timestamp.isBefore(filter.from()))
                && (filter.to() == null || timestamp.isBefore(filter.to()));
    }

    /** What every export shares: its id, start, and the record of it once it ends. */
    private abstract class Export implements EventExport {

        final String exportId = UUID.randomUUID().toString();
        final Filter filter;
        final Caller caller;
        final Instant startedAt;
        private final AtomicBoolean recorded = new AtomicBoolean();

        Export(Filter filter, Caller caller) {
            this.filter = filter;
            this.caller = caller;
            this.startedAt = clock.instant();
        }

        @Override
        public String exportId() {
            return exportId;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public void finished(long events, String lastHash, boolean complete) {
            if (recorded.compareAndSet(false, true)) {
                record(events, lastHash, complete);
            }
        }

        abstract void record(long events, String lastHash, boolean complete);
    }

    /** Every event as stored: the operator's backup of the installation. */
    private final class LogExport extends Export {

        private final long head;

        LogExport(Filter filter, Caller caller) {
            super(filter, caller);
            this.head = log.head();
        }

        @Override
        public long head() {
            return head;
        }

        @Override
        public Optional<String> organisationId() {
            return Optional.empty();
        }

        @Override
        public long streamTo(Sink sink) throws IOException {
            long count = 0;
            for (long position = filter.after(); position < head; position = Math.min(position + WINDOW, head)) {
                for (StoredEvent event : log.read(position, head, WINDOW)) {
                    if (wanted(filter, event.type(), event.timestamp())) {
                        sink.event(new ExportedEvent(event.position(), event.eventId(), event.type(),
                                event.revision(), event.aggregateType(), event.aggregateId(), event.sequence(),
                                event.timestamp(), event.payloadJson(), null));
                        count++;
                    }
                }
                sink.endOfWindow();
            }
            return count;
        }

        /** Every organisation's data left with the operator's export: each one's trail says so. */
        @Override
        void record(long events, String lastHash, boolean complete) {
            Instant at = clock.instant();
            for (OrganisationViews.Summary organisation : organisations.all()) {
                recorder.accept(new RecordExportCommand(organisation.id(), exportId, DataExported.EVERY_ORGANISATION,
                        filter.text(), events, lastHash, complete, caller.actor(), at));
            }
        }
    }

    /**
     * An organisation's events and its released results, as {@link OrganisationExport} says: its own events and its
     * releases in the order they were stored, numbered 1, 2, … — each release followed by its batches' assessments.
     */
    private final class OrganisationEventExport extends Export {

        private final OrganisationView view;
        private final List<StoredEvent> sources;
        private final Pseudonyms pseudonyms;

        OrganisationEventExport(OrganisationView view, Filter filter, Caller caller) {
            super(filter, caller);
            this.view = view;
            List<StoredEvent> own = new ArrayList<>(log.aggregate(view.id()));
            own.addAll(log.aggregate(Releases.aggregateId(view.id())));
            own.sort(Comparator.comparingLong(StoredEvent::position));
            this.sources = List.copyOf(own);
            this.pseudonyms = new Pseudonyms(key.key());
        }

        @Override
        public long head() {
            return sources.size();
        }

        @Override
        public Optional<String> organisationId() {
            return Optional.of(view.id());
        }

        @Override
        public long streamTo(Sink sink) throws IOException {
            long count = 0;
            for (int index = (int) Math.min(filter.after(), sources.size()); index < sources.size(); index++) {
                StoredEvent source = sources.get(index);
                long position = index + 1L;
                if (source.payload() instanceof ResultsReleased released) {
                    count += release(position, source, released, sink);
                } else if (wanted(filter, source.type(), source.timestamp())) {
                    sink.event(new ExportedEvent(position, source.eventId(), source.type(), source.revision(),
                            source.aggregateType(), source.aggregateId(), source.sequence(), source.timestamp(),
                            source.payloadJson(), null));
                    count++;
                }
                sink.endOfWindow();
            }
            return count;
        }

        /** A release as the organisation may see it, then the events of its batches' assessments. */
        private long release(long position, StoredEvent source, ResultsReleased released, Sink sink)
                throws IOException {
            long count = 0;
            int minimum = view.minimumGroupSize();
            if (wanted(filter, source.type(), released.at())) {
                sink.event(new ExportedEvent(position, source.eventId(), source.type(), source.revision(),
                        source.aggregateType(), source.aggregateId(), source.sequence(), released.at(), null,
                        OrganisationExport.release(released, minimum)));
                count++;
            }
            for (ResultsReleased.Batch batch : released.completed()) {
                if (!OrganisationExport.shown(batch, minimum)) {
                    continue;
                }
                List<String> ids = batch.assessmentIds().stream()
                        .sorted(Comparator.comparing(id -> pseudonyms.of(view.id(), id))).toList();
                for (int from = 0; from < ids.size(); from += HISTORIES) {
                    List<String> chunk = ids.subList(from, Math.min(from + HISTORIES, ids.size()));
                    Map<String, List<StoredEvent>> histories = log.aggregates(chunk);
                    for (String assessment : chunk) {
                        List<OrganisationExport.IdentifiedEvent> events = identified(assessment,
                                histories.getOrDefault(assessment, List.of()));
                        for (OrganisationExport.Line line : OrganisationExport.assessment(pseudonyms, view.id(), batch,
                                released.at(), events)) {
                            if (wanted(filter, line.type(), line.at())) {
                                sink.event(new ExportedEvent(position, line.eventId(), line.type(), null,
                                        "AssessmentAggregate", line.aggregateId(), line.sequence(), line.at(), null,
                                        line.payload()));
                                count++;
                            }
                        }
                    }
                }
            }
            return count;
        }

        /** An assessment's events from the log itself, each under its own identity (assessment and sequence). */
        private static List<OrganisationExport.IdentifiedEvent> identified(String assessment,
                                                                         List<StoredEvent> stored) {
            return stored.stream()
                    .filter(event -> event.payload() instanceof AssessmentEvent)
                    .map(event -> new OrganisationExport.IdentifiedEvent(assessment + "/" + event.sequence(),
                            event.sequence(), (AssessmentEvent) event.payload()))
                    .toList();
        }

        @Override
        void record(long events, String lastHash, boolean complete) {
            recorder.accept(new RecordExportCommand(view.id(), exportId, "events", filter.text(), events, lastHash,
                    complete, caller.actor(), clock.instant()));
        }
    }
}
