package nl.klantspiegel.application.audit;

import nl.klantspiegel.application.access.MemberGate;
import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AuditTrailQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.report.ReleasedResults;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.release.ReleaseEvent;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Reads an organisation's audit trail for its admins, newest first: the entries as they were recorded, with the
 * actors' e-mail addresses as they are now and team and round names resolved, and per round how many took part, from
 * the same released results as every report.
 */
public final class AuditService implements AuditTrailQuery {

    public static final int MAXIMUM_PAGE_SIZE = 500;
    private static final int READ_BATCH = 200;
    private static final Duration POLL = Duration.ofMillis(20);
    private static final List<String> TYPES = Stream.concat(
                    Arrays.stream(OrganisationEvent.class.getPermittedSubclasses()),
                    Stream.concat(Arrays.stream(AccountEvent.class.getPermittedSubclasses()),
                            Arrays.stream(ReleaseEvent.class.getPermittedSubclasses())))
            .map(Class::getSimpleName)
            .sorted()
            .toList();

    private final AuditTrail trail;
    private final OrganisationViews organisations;
    private final Enrolment accounts;
    private final ReleasedResults released;
    private final CatchUpWait caughtUp;

    public AuditService(AuditTrail trail, OrganisationViews organisations, Enrolment accounts,
                        ReleasedResults released, CatchUpWait caughtUp) {
        this.released = Objects.requireNonNull(released, "released");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
    }

    /**
     * Waits until the trail holds the organisation's events up to the version this request sees (which includes every
     * change acknowledged before it, on any node: the use cases write the organisation's view through), read from the
     * shared store, so it does not matter which node's processor writes the trail; at most the timeout.
     *
     * @return whether it got there (a trail from before versions were noted has nothing to wait for); when not, the
     *         page is read as it stands and says so: under a load, or while another node takes over a dead node's
     *         segments, the trail may lag longer than a reader should wait, and an admin is better served by the
     *         entries there are, marked as such, than by an error
     */
    private boolean awaitTrailAt(String organisationId, long version) {
        long deadline = System.nanoTime() + caughtUp.timeout().toNanos();
        while (true) {
            OptionalLong reached = trail.organisationVersion(organisationId);
            if (reached.isEmpty() || reached.getAsLong() >= version) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    @Override
    public List<String> entryTypes() {
        return TYPES;
    }

    @Override
    public AuditPage audit(Caller caller, String organisationId, Instant from, Instant to, String type, int page,
                           int size) {
        caughtUp.await(OrganisationViewProjection.VIEWS, AuditTrailProjection.VIEWS);
        MemberGate.Member member = MemberGate.member(caller, organisationId, organisations,
                "The operator does not read an organisation's audit trail; its admins do.");
        OrganisationView view = member.organisation();
        if (!member.membership().mayReadAuditTrail()) {
            throw new AccessDenied("Only an admin of the organisation reads its audit trail.");
        }
        if (page < 0 || size < 1 || size > MAXIMUM_PAGE_SIZE) {
            throw new InvalidRequest("A page is numbered from 0 and holds 1 to " + MAXIMUM_PAGE_SIZE + " entries.");
        }
        if (type != null && !TYPES.contains(type)) {
            throw new InvalidRequest("There are no entries of type '" + type + "'; the types are " + TYPES + ".");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest("'from' must lie before 'to'.");
        }
        boolean upToDate = awaitTrailAt(organisationId, view.version());

        AuditTrail.Head head = trail.head(organisationId);
        long skip = (long) page * size;
        List<AuditTrail.Entry> selected = new ArrayList<>();
        boolean hasMore = false;
        for (long number = head.count(); number >= 1 && !hasMore; ) {
            List<Long> batch = new ArrayList<>();
            for (long n = number; n >= 1 && batch.size() < READ_BATCH; n--) {
                batch.add(n);
            }
            number -= batch.size();
            for (AuditTrail.Entry entry : trail.entries(organisationId, batch)) {
                if (!matches(entry, from, to, type)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else if (selected.size() < size) {
                    selected.add(entry);
                } else {
                    hasMore = true;
                    break;
                }
            }
        }
        Names names = new Names(view, accounts);
        List<Entry> entries = selected.stream().map(names::entry).toList();
        ReportBasis basis = released.now(view).basis();
        List<Participation> participation = view.rounds().stream()
                .map(round -> basis.report(GroupKey.round(round.id())))
                .map(report -> new Participation(report.key().roundId(), names.round(report.key().roundId()),
                        report.n()))
                .toList();
        return new AuditPage(entries, page, size, hasMore, head.count(), participation, upToDate);
    }

    private static boolean matches(AuditTrail.Entry entry, Instant from, Instant to, String type) {
        return (from == null || !entry.at().isBefore(from))
                && (to == null || entry.at().isBefore(to))
                && (type == null || type.equals(entry.type()));
    }

    /** Names as they are now: e-mail addresses of actors and members, names of teams and rounds. */
    private static final class Names {
        private final OrganisationView view;
        private final Enrolment accounts;
        private final Map<String, Optional<String>> emails = new HashMap<>();

        Names(OrganisationView view, Enrolment accounts) {
            this.view = view;
            this.accounts = accounts;
        }

        Entry entry(AuditTrail.Entry entry) {
            String email = "MEMBER".equals(entry.actorKind()) ? email(entry.actorId()) : null;
            Map<String, String> details = new LinkedHashMap<>(entry.details());
            if (details.containsKey("team")) {
                details.put("teamName", team(details.get("team")));
            }
            if (details.containsKey("round") && !details.containsKey("name")) {
                details.put("roundName", round(details.get("round")));
            }
            if (details.containsKey("member")) {
                String memberEmail = email(details.get("member"));
                if (memberEmail != null) {
                    details.put("memberEmail", memberEmail);
                }
            }
            if (details.containsKey("teams") && !details.get("teams").isEmpty()) {
                details.put("teamNames", String.join(", ", Arrays.stream(details.get("teams").split(","))
                        .map(this::team).toList()));
            }
            return new Entry(entry.number(), entry.at(), entry.type(), entry.actorKind(), entry.actorId(), email,
                    details, entry.hash());
        }

        String email(String accountId) {
            return emails.computeIfAbsent(accountId, accounts::emailOf).orElse(null);
        }

        String team(String teamId) {
            return view.team(teamId).map(Organisation.Team::name).orElse(teamId);
        }

        String round(String roundId) {
            return view.round(roundId).map(Organisation.Round::name).orElse(roundId);
        }
    }
}
