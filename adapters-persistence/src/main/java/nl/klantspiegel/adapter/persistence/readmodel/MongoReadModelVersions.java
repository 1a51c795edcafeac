package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.report.ReportProjection;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The read models' versions: version n of a read model lives in its collections ending in {@code _vn} (version 0 in
 * the plain ones); which version of a projection answers is kept in the {@code settings} collection, one document
 * per projection ({@code _id} {@code readModelVersion:<projection>}): {@code version} (none: 0), {@code allocated}
 * (the highest version number handed out) and {@code retired} (the versions that no longer answer, with when, until
 * they are dropped). Every change is one atomic update of that document; a switch is a compare-and-set on
 * {@code version}.
 */
final class MongoReadModelVersions implements ReadModelVersions {

    static final String SETTINGS = "settings";
    static final String ACTIVE = "readModelVersion:";
    /** Where the first release that rebuilt the reports while serving kept their version. */
    static final String REPORTS_BEFORE = "reportFactsVersion";
    private static final String VERSION = "version";
    private static final String ALLOCATED = "allocated";
    private static final String RETIRED = "retired";

    private record Store(IntFunction<Object> open, List<String> collections) {
    }

    private final MongoTemplate mongo;
    private final Map<Class<?>, Store> stores;

    MongoReadModelVersions(MongoTemplate mongo) {
        this.mongo = mongo;
        this.stores = Map.of(
                OrganisationViews.class, new Store(version -> new MongoOrganisationViews(mongo, version),
                        List.of(MongoOrganisationViews.ORGANISATIONS, MongoOrganisationViews.INDEX)),
                Invitations.class, new Store(version -> new MongoInvitations(mongo, version),
                        List.of(MongoInvitations.COLLECTION)),
                Memberships.class, new Store(version -> new MongoMemberships(mongo, version),
                        List.of(MongoMemberships.COLLECTION)),
                ReportFacts.class, new Store(version -> new MongoReportFacts(mongo, version),
                        List.of(MongoReportFacts.PARTICIPATIONS, MongoReportFacts.ROUNDS,
                                MongoReportFacts.ORGANISATIONS)),
                AnswerChangeFacts.class, new Store(version -> new MongoAnswerChangeFacts(mongo, version),
                        List.of(MongoAnswerChangeFacts.ASSESSMENTS, MongoAnswerChangeFacts.ROUNDS)),
                AuditTrail.class, new Store(version -> new MongoAuditTrail(mongo, version),
                        List.of(MongoAuditTrail.HEADS, MongoAuditTrail.ENTRIES, MongoAuditTrail.ACTIVITY,
                                MongoAuditTrail.ACTIVITY_INDEX, MongoAuditTrail.PARTICIPATIONS,
                                MongoAuditTrail.MEMBERS)));
    }

    @Override
    public int active(String projection) {
        return active(List.of(projection)).get(projection);
    }

    @Override
    public Map<String, Integer> active(Collection<String> projections) {
        List<String> ids = new ArrayList<>(projections.stream().map(MongoReadModelVersions::id).toList());
        ids.add(REPORTS_BEFORE);
        Map<String, Document> found = new HashMap<>();
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, SETTINGS)) {
            found.put(document.getString("_id"), document);
        }
        Map<String, Integer> active = new TreeMap<>();
        for (String projection : projections) {
            Document setting = found.get(id(projection));
            active.put(projection, setting != null && setting.get(VERSION) != null
                    ? setting.get(VERSION, Number.class).intValue() : implicit(projection, found.get(REPORTS_BEFORE)));
        }
        return active;
    }

    private static String id(String projection) {
        return ACTIVE + projection;
    }

    /** The version that answers while the projection's document names none: 0, or where the reports kept it first. */
    private static int implicit(String projection, Document reportsBefore) {
        return ReportProjection.PROCESSING_GROUP.equals(projection) && reportsBefore != null
                ? reportsBefore.get(VERSION, Number.class).intValue() : 0;
    }

    /** Counts on from the highest number handed out; never below the answering version + 1. */
    @Override
    public int allocate(String projection) {
        int allocated = increment(projection);
        int active = active(projection);
        if (allocated > active) {
            return allocated;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id(projection))), new Update().max(ALLOCATED, active),
                SETTINGS);
        return increment(projection);
    }

    private int increment(String projection) {
        Document after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id(projection))),
                new Update().inc(ALLOCATED, 1), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, SETTINGS);
        return after.get(ALLOCATED, Number.class).intValue();
    }

    @Override
    public boolean activate(String projection, int expected, int version, Instant at) {
        exists(projection);
        Criteria answering = Criteria.where(VERSION).is(expected);
        if (expected == implicit(projection, mongo.findById(REPORTS_BEFORE, Document.class, SETTINGS))) {
            answering = new Criteria().orOperator(answering, Criteria.where(VERSION).exists(false));
        }
        boolean switched = mongo.updateFirst(Query.query(Criteria.where("_id").is(id(projection)).andOperator(answering)),
                new Update().set(VERSION, version).push(RETIRED, retired(expected, at)), SETTINGS).getMatchedCount() > 0;
        if (switched && ReportProjection.PROCESSING_GROUP.equals(projection)) {
            mongo.remove(Query.query(Criteria.where("_id").is(REPORTS_BEFORE)), SETTINGS);
        }
        return switched;
    }

    @Override
    public void retire(String projection, int version, Instant at) {
        exists(projection);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id(projection)).and(RETIRED + ".version").ne(version)),
                new Update().push(RETIRED, retired(version, at)), SETTINGS);
    }

    /** Makes the projection's document if there is none (no version in it: the implicit one answers). */
    private void exists(String projection) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(projection))), new Update().setOnInsert(ALLOCATED, 0),
                SETTINGS);
    }

    private static Document retired(int version, Instant at) {
        return new Document("version", version).append("at", at.toEpochMilli());
    }

    @Override
    public List<Retired> retired(Collection<String> projections) {
        List<Retired> retired = new ArrayList<>();
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(
                projections.stream().map(MongoReadModelVersions::id).toList())), Document.class, SETTINGS)) {
            String projection = document.getString("_id").substring(ACTIVE.length());
            for (Document one : document.getList(RETIRED, Document.class, List.of())) {
                retired.add(new Retired(projection, one.get("version", Number.class).intValue(),
                        Instant.ofEpochMilli(one.get("at", Number.class).longValue())));
            }
        }
        retired.sort(Comparator.comparing(Retired::at));
        return retired;
    }

    @Override
    public void forget(Retired retired) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id(retired.projection()))),
                new Update().pull(RETIRED, new Document("version", retired.version())), SETTINGS);
    }

    @Override
    public <T> T open(Class<T> store, int version) {
        return store.cast(store(store).open().apply(version));
    }

    @Override
    public void drop(Class<?> store, int version) {
        for (String collection : store(store).collections()) {
            String name = Documents.versioned(collection, version);
            if (mongo.collectionExists(name)) {
                mongo.dropCollection(name);
            }
        }
    }

    private Store store(Class<?> type) {
        Store store = stores.get(type);
        if (store == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " stores no read model");
        }
        return store;
    }
}
