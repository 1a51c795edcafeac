package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReportFactsVersions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The report facts' versions: the active one is kept in the {@code settings} collection ({@code _id} below). */
final class MongoReportFactsVersions implements ReportFactsVersions {

    static final String SETTINGS = "settings";
    static final String ACTIVE = "reportFactsVersion";

    private final MongoTemplate mongo;

    MongoReportFactsVersions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public int active() {
        Document setting = mongo.findById(ACTIVE, Document.class, SETTINGS);
        return setting == null ? 0 : setting.get("version", Number.class).intValue();
    }

    @Override
    public ReportFacts version(int version) {
        return new MongoReportFacts(mongo, version);
    }

    @Override
    public void activate(int version) {
        mongo.upsert(Query.query(Criteria.where("_id").is(ACTIVE)), new Update().set("version", version), SETTINGS);
    }

    @Override
    public void drop(int version) {
        new MongoReportFacts(mongo, version).drop();
    }
}
