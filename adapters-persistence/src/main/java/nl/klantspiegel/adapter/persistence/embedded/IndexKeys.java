package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The keys of a unique index of the embedded database (every {@code _id}, and the event store's unique indexes), kept
 * and ordered by their values. mongo-java-server's H2 backend leaves them to H2's general object type, which orders a
 * key it does not know ({@link KeyValue} is not {@link Comparable}) by Java-serialising both sides of every comparison:
 * a lookup in an index of a few thousand keys serialised some thirty objects, and every insert does one such lookup
 * per index (measured: about a sixth of the product's CPU under load went to it).
 *
 * <p>Here a key is compared value by value as MongoDB orders values ({@link ValueComparator}, the backend's own, which
 * holds {@code 1} and {@code 1.0} equal as a unique index must), and written as the BSON of its values after a tag
 * byte. An index keeps the order it was made with: this type is only for indexes made with it (see
 * {@link BsonH2Database}); an index in a data file from before keeps H2's object type.
 */
final class IndexKeys extends BasicDataType<Object> {

    static final int TAG = 125;
    private static final String VALUES = "k";
    /** Which of the values were missing from the document (a field absent, as opposed to {@code null}). */
    private static final String MISSING = "m";
    private static final Comparator<Object> VALUE_ORDER = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(Object a, Object b) {
        KeyValue left = (KeyValue) a;
        KeyValue right = (KeyValue) b;
        int common = Math.min(left.size(), right.size());
        for (int i = 0; i < common; i++) {
            int order = VALUE_ORDER.compare(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        KeyValue key = (KeyValue) value;
        List<Object> values = new ArrayList<>(key.size());
        List<Integer> missing = new ArrayList<>();
        for (Object element : key) {
            if (element instanceof Missing) {
                missing.add(values.size());
                values.add(null);
            } else {
                values.add(element);
            }
        }
        Document stored = new Document(VALUES, values);
        if (!missing.isEmpty()) {
            stored.put(MISSING, missing);
        }
        ByteBuf bson = Unpooled.buffer(64);
        try {
            BsonEncoder.encodeDocument(stored, bson);
            int length = bson.readableBytes();
            byte[] bytes = new byte[length];
            bson.getBytes(bson.readerIndex(), bytes);
            buffer.put((byte) TAG).putVarInt(length).put(bytes);
        } finally {
            bson.release();
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int tag = Byte.toUnsignedInt(buffer.get());
        if (tag != TAG) {
            throw new IllegalStateException("Not an index key of this type (tag " + tag + ")");
        }
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        Document stored = BsonDecoder.decodeBson(bson);
        List<Object> values = new ArrayList<>((List<?>) stored.get(VALUES));
        Object missing = stored.get(MISSING);
        if (missing instanceof List<?> positions) {
            positions.forEach(position -> values.set(((Number) position).intValue(), Missing.getInstance()));
        }
        return new KeyValue(values);
    }

    @Override
    public int getMemory(Object value) {
        int size = 48;
        for (Object element : (KeyValue) value) {
            size += element instanceof CharSequence text ? 48 + 2 * text.length() : 24;
        }
        return size;
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
