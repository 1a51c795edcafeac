package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database's H2 database: what it does differently from the backend's own. */
class BsonH2DatabaseTest {

    @Test
    void a_secondary_index_holds_nothing_and_has_nothing_to_build_when_a_collection_is_opened() {
        try (MVStore store = new MVStore.Builder().open()) {
            BsonH2Database database = BsonH2Database.open("test", store, new CursorRegistry());

            Index<Object> index = database.openOrCreateSecondaryIndex("events", "timestamp",
                    List.of(new IndexKey("timestamp", true)), false);

            assertThat(index.isEmpty()).as("else every document is read to build it, at every start").isFalse();
            assertThat(index.getCount()).isZero();
            assertThat(index.canHandle(new Document("timestamp", 5))).as("queries scan").isFalse();
            assertThat(index.getName()).isEqualTo("timestamp");
        }
    }

    /**
     * mongo-java-server updates a document in place; had it changed the object the store holds, a commit serialising
     * that page at the same moment would fail and close the whole store (seen under load).
     */
    @Test
    void an_update_never_changes_the_object_the_store_holds() {
        try (MVStore store = new MVStore.Builder().open()) {
            BsonH2Database database = BsonH2Database.open("test", store, new CursorRegistry());
            de.bwaldvogel.mongo.MongoCollection<Object> collection = database.createCollectionOrThrowIfExists("views",
                    de.bwaldvogel.mongo.backend.CollectionOptions.withDefaults());
            collection.addDocument(new Document("_id", "a").append("n", 1).append("tags", new java.util.ArrayList<>(
                    List.of("x"))));
            collection.addDocument(new Document("_id", "b").append("n", 1));
            org.h2.mvstore.MVMap<Object, Document> map = store.openMap("databases.test.views");
            Document heldA = map.get("a");
            Document heldB = map.get("b");

            collection.updateDocuments(new Document("_id", "a"), new Document("$set", new Document("n", 2))
                    .append("$push", new Document("tags", "y")), de.bwaldvogel.mongo.backend.ArrayFilters.empty(),
                    false, false, de.bwaldvogel.mongo.oplog.NoopOplog.get());
            collection.findAndModify(new Document("query", new Document("n", 1))
                    .append("update", new Document("$set", new Document("n", 3))));
            collection.updateDocuments(new Document(), new Document("$inc", new Document("n", 10)),
                    de.bwaldvogel.mongo.backend.ArrayFilters.empty(), true, false,
                    de.bwaldvogel.mongo.oplog.NoopOplog.get());

            assertThat(heldA).isEqualTo(new Document("_id", "a").append("n", 1).append("tags", List.of("x")));
            assertThat(heldB).isEqualTo(new Document("_id", "b").append("n", 1));
            assertThat(map.get("a")).isEqualTo(new Document("_id", "a").append("n", 12).append("tags",
                    List.of("x", "y")));
            assertThat(map.get("b")).isEqualTo(new Document("_id", "b").append("n", 13));
            assertThat(CopyOnUpdateH2Collection.copying()).as("only while an update runs").isFalse();
        }
    }
}
