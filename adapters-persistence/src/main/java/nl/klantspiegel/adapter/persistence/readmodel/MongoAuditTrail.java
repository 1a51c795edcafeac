package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.AuditTrail;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trails, every document found by {@code _id}:
 * <pre>
 * auditHeads:          { _id: organisationId, count, lastHash, recent: [event ids of the last entries],
 *                        organisationVersion: the organisation's version its entries reach }
 * auditEntries:        { _id: "organisationId:0000000001", number, eventId, at, type, actorKind, actorId, details, hash }
 * auditMembers:        { _id: accountId, organisations: [...] }
 * </pre>
 * An entry is written before its head, under the number the head gives it: when a crash comes between the two, the
 * event is delivered again and written again under the same number, so nothing is doubled or lost. (Earlier versions
 * also counted respondents per day in {@code auditActivity}, {@code auditActivityIndex} and
 * {@code auditParticipations}; a rebuild drops those.)
 */
final class MongoAuditTrail implements AuditTrail {

    static final String HEADS = "auditHeads";
    static final String ENTRIES = "auditEntries";
    static final String ACTIVITY = "auditActivity";
    static final String ACTIVITY_INDEX = "auditActivityIndex";
    static final String PARTICIPATIONS = "auditParticipations";
    static final String MEMBERS = "auditMembers";
    /** How many recent event ids a head remembers: far more than a crash can make a processor deliver again. */
    static final int RECENT = 500;

    private final MongoTemplate mongo;
    private final Documents heads;
    private final Documents entries;
    private final Documents members;

    MongoAuditTrail(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoAuditTrail(MongoTemplate mongo, int version) {
        this.mongo = mongo;
        this.heads = new Documents(mongo, Documents.versioned(HEADS, version));
        this.entries = new Documents(mongo, Documents.versioned(ENTRIES, version));
        this.members = new Documents(mongo, Documents.versioned(MEMBERS, version));
    }

    @Override
    public Head head(String organisationId) {
        return heads.find(organisationId)
                .map(document -> document.get("count") == null
                        ? new Head(0, "", List.of()) // only the organisation's version is noted yet
                        : new Head(document.getLong("count"), document.getString("lastHash"),
                                document.getList("recent", String.class)))
                .orElse(new Head(0, "", List.of()));
    }

    @Override
    public boolean append(String organisationId, Entry entry) {
        Head head = head(organisationId);
        if (head.recentEventIds().contains(entry.eventId())) {
            return false;
        }
        if (entry.number() != head.count() + 1) {
            throw new IllegalArgumentException("entry " + entry.number() + " does not follow " + head.count());
        }
        entries.save(new Document("_id", entryId(organisationId, entry.number()))
                .append("organisationId", organisationId)
                .append("number", entry.number())
                .append("eventId", entry.eventId())
                .append("at", Documents.date(entry.at()))
                .append("type", entry.type())
                .append("actorKind", entry.actorKind())
                .append("actorId", entry.actorId())
                .append("details", new Document(entry.details()))
                .append("hash", entry.hash()));
        List<String> recent = new ArrayList<>(head.recentEventIds());
        recent.add(entry.eventId());
        if (recent.size() > RECENT) {
            recent = recent.subList(recent.size() - RECENT, recent.size());
        }
        Document next = new Document("_id", organisationId).append("count", entry.number())
                .append("lastHash", entry.hash()).append("recent", recent);
        // compare and set: one writer per trail (the audit-trail processor runs as one segment); a second one would
        // fail here loudly, and its batch be retried, rather than lose an entry
        boolean moved = head.count() == 0
                ? !startHead(organisationId, next)
                : mongo.updateFirst(new BasicQuery(new Document("_id", organisationId).append("count", head.count())),
                new Update().set("count", entry.number()).set("lastHash", entry.hash()).set("recent", recent),
                heads.name()).getMatchedCount() == 0;
        if (moved) {
            throw new IllegalStateException("the audit trail of " + organisationId + " moved past " + head.count()
                    + " while entry " + entry.number() + " was written");
        }
        return true;
    }

    @Override
    public void recordOrganisationVersion(String organisationId, long version) {
        mongo.upsert(new BasicQuery(new Document("_id", organisationId)), new Update().max("organisationVersion",
                version), heads.name());
    }

    @Override
    public java.util.OptionalLong organisationVersion(String organisationId) {
        return heads.find(organisationId).map(document -> document.get("organisationVersion"))
                .map(value -> java.util.OptionalLong.of(((Number) value).longValue()))
                .orElse(java.util.OptionalLong.empty());
    }

    /**
     * Writes the first head of a trail: into the document that so far holds only the organisation's version, or as a
     * new one; false when another writer started the trail meanwhile (a head with a count is there).
     */
    private boolean startHead(String organisationId, Document head) {
        try {
            mongo.upsert(new BasicQuery(new Document("_id", organisationId).append("count",
                    new Document("$exists", false))), new Update().set("count", head.get("count"))
                    .set("lastHash", head.get("lastHash")).set("recent", head.get("recent")), heads.name());
            return true;
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public List<Entry> entries(String organisationId, List<Long> numbers) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        numbers.forEach(number -> wanted.put(entryId(organisationId, number), number));
        Map<Long, Entry> found = new LinkedHashMap<>();
        for (Document document : entries.findAll(wanted.keySet())) {
            Document details = document.get("details", Document.class);
            // in the order of their names, as the hash reads them: a stored document's field order is not a fact
            // (three nodes reading the same entry once saw three orders)
            Map<String, String> values = new java.util.TreeMap<>();
            details.forEach((key, value) -> values.put(key, String.valueOf(value)));
            found.put(document.getLong("number"), new Entry(document.getLong("number"), document.getString("eventId"),
                    Documents.instant(document.getDate("at")), document.getString("type"),
                    document.getString("actorKind"), document.getString("actorId"), values, document.getString("hash")));
        }
        return numbers.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String entryId(String organisationId, long number) {
        return organisationId + ":" + String.format("%010d", number);
    }

    @Override
    public List<String> organisationsOf(String accountId) {
        return members.find(accountId).map(document -> document.getList("organisations", String.class))
                .orElse(List.of());
    }

    @Override
    public void setOrganisationsOf(String accountId, List<String> organisationIds) {
        members.save(new Document("_id", accountId).append("organisations", organisationIds));
    }

    @Override
    public void clear() {
        heads.clear();
        entries.clear();
        members.clear();
    }
}
