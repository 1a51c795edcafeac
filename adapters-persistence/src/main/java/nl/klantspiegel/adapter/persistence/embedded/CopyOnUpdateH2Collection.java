package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.stream.Stream;

/**
 * mongo-java-server's H2 collection, made safe against its store's commits: an update never changes a document the
 * store holds.
 *
 * <p>Why: mongo-java-server updates a document <em>in place</em> (it reads the stored object, removes and puts its
 * fields, then puts it back), and H2's map hands out the very object it keeps in its page. A commit that serialises
 * that page on another thread at the same moment iterates the document while it changes: a
 * {@link java.util.ConcurrentModificationException} inside the commit, on which H2 closes the whole store — the node
 * then answers nothing more. Seen under load (the demo filling its history while releases and schedules were
 * written). So during an update (and only then: reads hand out the stored objects, which nobody changes) every
 * document the update reads is a deep copy, and what it stores is its own object.
 */
final class CopyOnUpdateH2Collection extends H2Collection {

    /** Set while this thread runs an update of a collection: the documents it reads are copies. */
    private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final MVMap<Object, Document> documents;

    CopyOnUpdateH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                             MVMap<Object, Document> documents, MVMap<String, Object> meta,
                             CursorRegistry cursorRegistry) {
        super(database, collectionName, options, documents, meta, cursorRegistry);
        this.documents = documents;
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return updating(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return updating(() -> super.findAndModify(query));
    }

    private static Document updating(java.util.function.Supplier<Document> update) {
        boolean outer = !UPDATING.get();
        UPDATING.set(Boolean.TRUE);
        try {
            return update.get();
        } finally {
            if (outer) {
                UPDATING.remove();
            }
        }
    }

    /** Whether documents read now must be copies (an update on this thread may change them). */
    static boolean copying() {
        return UPDATING.get();
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored != null && copying() ? stored.cloneDeeply() : stored;
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        Stream<DocumentWithPosition<Object>> stored = super.streamAllDocumentsWithPosition();
        return copying() ? stored.map(found -> new DocumentWithPosition<>(found.getDocument().cloneDeeply(),
                found.getPosition())) : stored;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (!copying()) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // as H2Collection does, over copies (its natural order is the map's; descending reads the positions)
        Stream<Document> copies = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition().sorted((one, other) -> de.bwaldvogel.mongo.backend.ValueComparator
                        .desc().compare(one.getPosition(), other.getPosition())).map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(Document::cloneDeeply);
        return matchDocumentsFromStream(copies, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument.cloneDeeply()); // the update's object stays its own
    }
}
