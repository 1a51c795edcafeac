package nl.klantspiegel.application.audit;

import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.account.ApiTokenCreated;
import nl.klantspiegel.domain.account.ApiTokenRevoked;
import nl.klantspiegel.domain.integrity.Sha256;
import nl.klantspiegel.domain.organisation.DataExported;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.RoundStarted;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamHeadcountSet;
import nl.klantspiegel.domain.organisation.TeamRenamed;
import nl.klantspiegel.domain.organisation.TeamRetired;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds every organisation's audit trail from the events: each organisation event with its actor, the sign-ins,
 * failed sign-ins, activations and API tokens of its members, and every release of its results (its batches: round,
 * team or pooled, and size — as much as the reports show of respondents, and no more). Entries are numbered per organisation without gaps and chained: each carries the SHA-256
 * of the previous entry's hash and its own content, so an auditor can check that nothing was changed or removed.
 */
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {

    public static final String PROCESSING_GROUP = "audit-trail";
    /** Its views, as a use case waits for them to catch up after a start. */
    public static final CatchUpWait.Views VIEWS = new CatchUpWait.Views(PROCESSING_GROUP, "audit trail");

    private final AuditTrail trail;

    public AuditTrailProjection(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(OrganisationEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        append(event.organisationId(), eventId, event.at(), event.getClass().getSimpleName(),
                event.by().kind().name(), event.by().id(), details(event));
        trail.recordOrganisationVersion(event.organisationId(), sequence);
        if (event instanceof MemberAdded added) {
            List<String> organisations = new ArrayList<>(trail.organisationsOf(added.memberId()));
            if (!organisations.contains(added.organisationId())) {
                organisations.add(added.organisationId());
                trail.setOrganisationsOf(added.memberId(), organisations);
            }
        } else if (event instanceof MemberRemoved removed) {
            List<String> organisations = new ArrayList<>(trail.organisationsOf(removed.memberId()));
            if (organisations.remove(removed.organisationId())) {
                trail.setOrganisationsOf(removed.memberId(), organisations);
            }
        }
    }

    /** Filed with every organisation the account is a member of. */
    @EventHandler
    void on(AccountEvent event, @MessageIdentifier String eventId) {
        Map<String, String> details = new LinkedHashMap<>();
        if (event instanceof ApiTokenCreated created) {
            details.put("token", created.tokenId());
            details.put("expiresAt", created.expiresAt().toString());
        } else if (event instanceof ApiTokenRevoked revoked) {
            details.put("token", revoked.tokenId());
        }
        for (String organisationId : trail.organisationsOf(event.accountId())) {
            append(organisationId, eventId, event.at(), event.getClass().getSimpleName(), "MEMBER",
                    event.accountId(), details);
        }
    }

    /** A release of results: the product made it, on its schedule. */
    @EventHandler
    void on(ResultsReleased event, @MessageIdentifier String eventId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("release", String.valueOf(event.number()));
        details.put("cutoff", event.cutoff().toString());
        details.put("minimumGroupSize", String.valueOf(event.minimumGroupSize()));
        details.put("completed", batches(event.completed()));
        append(event.organisationId(), eventId, event.at(), event.getClass().getSimpleName(), "SYSTEM", "releases",
                details);
    }

    /** Per batch its round, its team (or "pooled") and its size: {@code r-1/t-a:5 r-1/pooled:6}. */
    private static String batches(List<ResultsReleased.Batch> batches) {
        return String.join(" ", batches.stream().map(batch -> batch.roundId() + "/"
                + (batch.pooled() ? "pooled" : batch.teamId()) + ":" + batch.size()).toList());
    }

    @ResetHandler
    void reset() {
        trail.clear();
    }

    private void append(String organisationId, String eventId, Instant at, String type, String actorKind,
                        String actorId, Map<String, String> details) {
        AuditTrail.Head head = trail.head(organisationId);
        if (head.recentEventIds().contains(eventId)) {
            return; // delivered before
        }
        long number = head.count() + 1;
        String hash = chain(head.lastHash(), number, at, type, actorKind, actorId, details);
        trail.append(organisationId, new AuditTrail.Entry(number, eventId, at, type, actorKind, actorId, details,
                hash));
    }

    /** SHA-256 over the previous hash and the entry's fields, in a fixed order. */
    static String chain(String previousHash, long number, Instant at, String type, String actorKind, String actorId,
                        Map<String, String> details) {
        StringBuilder content = new StringBuilder(previousHash).append('\n').append(number).append('\n').append(at)
                .append('\n').append(type).append('\n').append(actorKind).append('\n').append(actorId);
        new TreeMap<>(details).forEach((key, value) -> content.append('\n').append(key).append('=').append(value));
        return Sha256.hex(content.toString());
    }

    private static Map<String, String> details(OrganisationEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        if (event instanceof OrganisationRegistered registered) {
            details.put("name", registered.name());
            details.put("minimumGroupSize", String.valueOf(registered.minimumGroupSize()));
        } else if (event instanceof MinimumGroupSizeChanged changed) {
            details.put("minimumGroupSize", String.valueOf(changed.minimumGroupSize()));
        } else if (event instanceof TeamAdded added) {
            details.put("team", added.teamId());
            details.put("name", added.name());
        } else if (event instanceof TeamRenamed renamed) {
            details.put("team", renamed.teamId());
            details.put("name", renamed.name());
        } else if (event instanceof TeamRetired retired) {
            details.put("team", retired.teamId());
        } else if (event instanceof MemberAdded added) {
            details.put("member", added.memberId());
            details.put("role", added.role().name());
            details.put("teams", String.join(",", added.teams()));
        } else if (event instanceof MemberChanged changed) {
            details.put("member", changed.memberId());
            details.put("role", changed.role().name());
            details.put("teams", String.join(",", changed.teams()));
        } else if (event instanceof MemberRemoved removed) {
            details.put("member", removed.memberId());
        } else if (event instanceof RoundOpened opened) {
            details.put("round", opened.roundId());
            details.put("name", opened.name());
            details.put("teams", String.join(",", opened.teams()));
            details.put("closesAt", opened.closesAt() == null ? "" : opened.closesAt().toString());
            if (opened.opensAt() != null) { // only then: the entries of rounds opened at once keep their hashes
                details.put("opensAt", opened.opensAt().toString());
            }
        } else if (event instanceof RoundStarted started) {
            details.put("round", started.roundId());
        } else if (event instanceof RoundClosed closed) {
            details.put("round", closed.roundId());
        } else if (event instanceof TeamHeadcountSet set) {
            details.put("team", set.teamId());
            details.put("headcount", set.headcount() == null ? "" : set.headcount().toString());
        } else if (event instanceof DataExported exported) {
            details.put("export", exported.exportId());
            details.put("kind", exported.kind());
            details.put("filter", exported.filter());
            details.put("records", String.valueOf(exported.records()));
            details.put("lastHash", exported.lastHash());
            details.put("complete", String.valueOf(exported.complete()));
        }
        return details;
    }
}
