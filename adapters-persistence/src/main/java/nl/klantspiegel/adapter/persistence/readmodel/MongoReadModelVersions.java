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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The read models' versions: version n of a read model lives in its collections ending in {@code _vn} (version 0 in
 * the plain ones); which version of a projection answers is kept in the {@code settings} collection, one document
 * per projection ({@code _id} {@code readModelVersion:<projection>}).
 */
final class MongoReadModelVersions implements ReadModelVersions {

    static final String SETTINGS = "settings";
    static final String ACTIVE = "readModelVersion:";
    /** Where the first release that rebuilt the reports while serving kept their version. */
    static final String REPORTS_BEFORE = "reportFactsVersion";

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
        Document setting = mongo.findById(ACTIVE + projection, Document.class, SETTINGS);
        if (setting == null && ReportProjection.PROCESSING_GROUP.equals(projection)) {
            setting = mongo.findById(REPORTS_BEFORE, Document.class, SETTINGS);
        }
        return setting == null ? 0 : setting.get("version", Number.class).intValue();
    }

    @Override
    public void activate(String projection, int version) {
        mongo.upsert(Query.query(Criteria.where("_id").is(ACTIVE + projection)), new Update().set("version", version),
                SETTINGS);
        if (ReportProjection.PROCESSING_GROUP.equals(projection)) {
            mongo.remove(Query.query(Criteria.where("_id").is(REPORTS_BEFORE)), SETTINGS);
        }
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
