package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * How the embedded database keeps a stored document in its data file: as BSON, the form it arrives in over the wire.
 * mongo-java-server's H2 backend leaves this to H2's general object type, which Java-serialises every document:
 * a class description for the document and for every value's class, each time, several times the BSON size, and
 * slow to write and to read (and then to compress, on every commit).
 *
 * <p>A value written here starts with a tag byte no value of H2's object type starts with ({@value #TAG}; its tags
 * end at 119), then the BSON's length and the BSON. A value without it was written before (Java-serialised) and is
 * read by H2's object type as it was: an older data file opens unchanged, and its documents become BSON as they are
 * written again (or as the timer's compaction moves them).
 */
final class BsonDocuments extends BasicDataType<Object> {

    static final int TAG = 126;

    private final ObjectDataType older = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof Document document)) {
            older.write(buffer, value);
            return;
        }
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.put((byte) TAG).putVarInt(length);
            if (bson.hasArray()) {
                buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
            } else {
                byte[] bytes = new byte[length];
                bson.getBytes(bson.readerIndex(), bytes);
                buffer.put(bytes);
            }
        } finally {
            bson.release();
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (Byte.toUnsignedInt(buffer.get(buffer.position())) != TAG) {
            return older.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    /** An estimate for the store's page cache: a few tens of bytes per value, more for text. */
    @Override
    public int getMemory(Object value) {
        return 24 + estimate(value);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> collection) {
            int size = 32;
            for (Object element : collection) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return 24;
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
