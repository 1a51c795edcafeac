package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AssessmentId;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;

import static nl.klantspiegel.adapter.persistence.readmodel.AssessmentDocumentMapper.HISTORY;
import static nl.klantspiegel.adapter.persistence.readmodel.AssessmentDocumentMapper.VERSION;

/**
 * The assessment read model in MongoDB: one document per assessment, always found by {@code _id} (the only
 * lookup the embedded database answers from an index).
 */
final class MongoAssessmentViews implements AssessmentViews {

    static final String COLLECTION = "assessments";

    private final MongoTemplate mongo;
    private final AssessmentDocumentMapper mapper;

    MongoAssessmentViews(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapper = new AssessmentDocumentMapper(mongo.getConverter());
    }

    @Override
    public Optional<AssessmentView> find(AssessmentId id) {
        Query query = byId(id);
        query.fields().exclude(HISTORY);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION)).map(mapper::view);
    }

    @Override
    public Optional<List<RecordedEvent>> history(AssessmentId id) {
        Query query = byId(id);
        query.fields().include(HISTORY);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION)).map(mapper::history);
    }

    @Override
    public void record(AssessmentView view, RecordedEvent event) {
        // Matches only while the stored view is older than this event; an upsert that finds a newer view
        // tries to insert a second document with the same _id, which the database refuses: a redelivery.
        Query olderThanThisEvent = new BasicQuery(new Document("_id", view.id().value())
                .append(VERSION, new Document("$lt", view.version())));
        Update update = new Update().push(HISTORY, mapper.historyEntry(event));
        mapper.viewFields(view).forEach(update::set);
        try {
            mongo.upsert(olderThanThisEvent, update, COLLECTION);
        } catch (DuplicateKeyException alreadyRecorded) {
            // the view already reflects this event or a later one
        }
    }

    private static Query byId(AssessmentId id) {
        return new BasicQuery(new Document("_id", id.value()));
    }
}
