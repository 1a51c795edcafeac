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
}
