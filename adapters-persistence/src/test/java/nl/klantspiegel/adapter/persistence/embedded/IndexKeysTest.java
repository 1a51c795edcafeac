package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The keys of the embedded database's unique indexes: ordered by value as MongoDB orders them, kept as BSON. */
class IndexKeysTest {

    final IndexKeys keys = new IndexKeys();

    @Test
    void keys_are_ordered_value_by_value_then_by_length() {
        assertThat(keys.compare(new KeyValue("a", 2L), new KeyValue("a", 10L))).isNegative();
        assertThat(keys.compare(new KeyValue("b", 0L), new KeyValue("a", 10L))).isPositive();
        assertThat(keys.compare(new KeyValue("a", 3L), new KeyValue("a", 3L))).isZero();
        assertThat(keys.compare(new KeyValue("a"), new KeyValue("a", 1L))).isNegative();
        assertThat(keys.compare(new KeyValue("a", 1L), new KeyValue("a"))).isPositive();
        assertThat(keys.compare(new KeyValue(7L), new KeyValue(7.0))).as("one number, as in MongoDB").isZero();
        assertThat(keys.compare(new KeyValue(7), new KeyValue(8L))).isNegative();
        assertThat(keys.compare(new KeyValue((Object) null), new KeyValue(Missing.getInstance()))).isZero();
        assertThat(keys.compare(new KeyValue(5L), new KeyValue("5"))).as("numbers before text").isNegative();
    }

    @Test
    void a_key_is_read_back_as_it_was_written_missing_values_included() {
        for (KeyValue key : List.of(new KeyValue("aggregate-1", 12L), new KeyValue(3), new KeyValue(2.5),
                new KeyValue(Missing.getInstance(), "x", null), new KeyValue(new Document("a", 1)),
                new KeyValue(Instant.parse("2026-12-07T08:00:00Z"), true))) {
            WriteBuffer buffer = new WriteBuffer();
            keys.write(buffer, key);
            buffer.put((byte) 42);
            ByteBuffer written = buffer.getBuffer();
            written.flip();

            assertThat(written.get(0)).isEqualTo((byte) IndexKeys.TAG);
            Object read = keys.read(written);
            assertThat(read).isEqualTo(key);
            assertThat(((KeyValue) read).stream().map(value -> value == null ? null : value.getClass()).toList())
                    .isEqualTo(key.stream().map(value -> value == null ? null : value.getClass()).toList());
            assertThat(written.get()).as("exactly its own bytes read").isEqualTo((byte) 42);
            assertThat(keys.getMemory(key)).isGreaterThan(48);
        }
    }

    @Test
    void a_value_of_another_type_is_refused_when_read() {
        assertThatIllegalStateException().isThrownBy(() -> keys.read(ByteBuffer.wrap(new byte[] {5, 0})))
                .withMessageContaining("tag 5");
    }
}
