package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportEventsUseCase;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.EventLog.StoredEvent;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.export.EventOwnership;
import nl.klantspiegel.domain.organisation.DataExported;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Exports the event log. Reads it in windows of positions up to the head at the start (so an export of any size
 * holds one window in memory, and an export that is running never chases new events), keeps only the events the
 * caller may see and the filter asks for, and hands them on in position order.
 *
 * <p>Whose an assessment's events are is decided by {@link EventOwnership}, from where the assessment was taken:
 * its start says so. A start earlier in the export is remembered (a bounded number of them); others are asked of
 * the report facts, and the few those do not know yet (the public test, or the newest assessments) of the log.
 */
public final class EventExportService implements ExportEventsUseCase {

    static final int WINDOW = 500;
    /** Starts remembered during one export: bounded, so memory does not grow with the export. */
    static final int REMEMBERED_STARTS = 50_000;

    private static final Set<String> EVENT_TYPES = eventTypes(AssessmentEvent.class, OrganisationEvent.class,
            AccountEvent.class);

    private final EventLog log;
    private final ReportFacts facts;
    private final OrganisationViews organisations;
    private final Consumer<RecordExportCommand> recorder;
    private final Clock clock;

    public EventExportService(EventLog log, ReportFacts facts, OrganisationViews organisations,
                              CommandGateway commands, Clock clock) {
        this(log, facts, organisations, command -> commands.sendAndWait(command), clock);
    }

    EventExportService(EventLog log, ReportFacts facts, OrganisationViews organisations,
                       Consumer<RecordExportCommand> recorder, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
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
        return new Export(Optional.empty(), requireKnownTypes(filter), caller);
    }

    @Override
    public EventExport ofOrganisation(Caller caller, String organisationId, Filter filter) {
        var view = Optional.ofNullable(organisationId).flatMap(organisations::find)
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        if (caller.operator()) {
            throw new AccessDenied("The operator exports no organisation's data; its admins and analysts do.");
        }
        Membership membership = view.membership(caller.accountId())
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        if (!membership.mayExport()) {
            throw new AccessDenied("Only the organisation's admins and analysts export its data.");
        }
        return new Export(Optional.of(view.id()), requireKnownTypes(filter), caller);
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

    private final class Export implements EventExport {

        private final String exportId = UUID.randomUUID().toString();
        private final Optional<String> organisationId;
        private final Filter filter;
        private final Caller caller;
        private final long head;
        private final Instant startedAt;
        private final AtomicBoolean recorded = new AtomicBoolean();
        /** Where assessments were taken (empty: the public test), as their starts in this export said. */
        private final Map<String, Optional<Participation>> starts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Participation>> eldest) {
                return size() > REMEMBERED_STARTS;
            }
        };

        Export(Optional<String> organisationId, Filter filter, Caller caller) {
            this.organisationId = organisationId;
            this.filter = filter;
            this.caller = caller;
            this.head = log.head();
            this.startedAt = clock.instant();
        }

        @Override
        public String exportId() {
            return exportId;
        }

        @Override
        public long head() {
            return head;
        }

        @Override
        public Optional<String> organisationId() {
            return organisationId;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public long streamTo(Sink sink) throws IOException {
            long count = 0;
            for (long position = filter.after(); position < head; position = Math.min(position + WINDOW, head)) {
                var window = log.read(position, head, WINDOW);
                Map<String, Optional<Participation>> where = organisationId.isPresent() ? whereTaken(window)
                        : Map.of();
                for (StoredEvent event : window) {
                    if (wanted(event) && mine(event, where)) {
                        sink.event(new ExportedEvent(event.position(), event.eventId(), event.type(),
                                event.revision(), event.aggregateType(), event.aggregateId(), event.sequence(),
                                event.timestamp(), event.payloadJson()));
                        count++;
                    }
                }
                sink.endOfWindow();
            }
            return count;
        }

        private boolean wanted(StoredEvent event) {
            return (filter.types().isEmpty() || filter.types().contains(event.type()))
                    && (filter.from() == null || !event.timestamp().isBefore(filter.from()))
                    && (filter.to() == null || event.timestamp().isBefore(filter.to()));
        }

        private boolean mine(StoredEvent event, Map<String, Optional<Participation>> where) {
            return organisationId.isEmpty() || EventOwnership.organisationOf(event.payload(),
                    assessment -> where.getOrDefault(assessment, Optional.empty())).equals(organisationId);
        }

        /** Where the assessments of a window were taken: from their starts, the report facts, or the log. */
        private Map<String, Optional<Participation>> whereTaken(java.util.List<StoredEvent> window) {
            Set<String> asked = new HashSet<>();
            for (StoredEvent event : window) {
                if (event.payload() instanceof AssessmentStarted started) {
                    starts.put(started.assessmentId(), started.participationIfAny());
                } else if (event.payload() instanceof AssessmentEvent other) {
                    asked.add(other.assessmentId());
                }
            }
            Map<String, Optional<Participation>> where = new HashMap<>();
            Set<String> unknown = new HashSet<>();
            for (String assessment : asked) {
                Optional<Participation> seen = starts.get(assessment);
                if (seen != null) {
                    where.put(assessment, seen);
                } else {
                    unknown.add(assessment);
                }
            }
            if (!unknown.isEmpty()) {
                facts.participations(unknown).forEach((assessment, participation) -> {
                    where.put(assessment, Optional.of(participation));
                    unknown.remove(assessment);
                });
            }
            if (!unknown.isEmpty()) {
                Map<String, Participation> fromLog = log.participationsFromStarts(unknown);
                for (String assessment : unknown) {
                    Optional<Participation> participation = Optional.ofNullable(fromLog.get(assessment));
                    starts.put(assessment, participation);
                    where.put(assessment, participation);
                }
            }
            return where;
        }

        @Override
        public void finished(long events, String lastHash, boolean complete) {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            if (organisationId.isPresent()) {
                recorder.accept(new RecordExportCommand(organisationId.get(), exportId, "events", filter.text(),
                        events, lastHash, complete, caller.actor(), clock.instant()));
                return;
            }
            // every organisation's data left with the operator's export: each one's trail says so
            Instant at = clock.instant();
            for (OrganisationViews.Summary organisation : organisations.all()) {
                recorder.accept(new RecordExportCommand(organisation.id(), exportId, DataExported.EVERY_ORGANISATION,
                        filter.text(), events, lastHash, complete, caller.actor(), at));
            }
        }
    }
}
