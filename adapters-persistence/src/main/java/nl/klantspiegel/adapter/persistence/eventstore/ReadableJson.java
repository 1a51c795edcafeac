package nl.klantspiegel.adapter.persistence.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Stores serialized payloads and metadata so an analyst can read and query them in the database: a JSON
 * object becomes an embedded document; anything that would not come back exactly (other serialisations,
 * JSON that is not an object, field names MongoDB treats specially, numbers a double or a long cannot
 * hold) stays the string it was.
 */
final class ReadableJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private ReadableJson() {
    }

    /** @return a {@link Document} for a JSON object that survives the trip, else the text itself */
    static Object toStored(String serialized) {
        return isPlainJsonObject(serialized) ? Document.parse(serialized) : serialized;
    }

    /** @return the serialized text again */
    static String fromStored(Object stored) {
        if (stored instanceof Document document) {
            return document.toJson(RELAXED);
        }
        return (String) stored;
    }

    static boolean isPlainJsonObject(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '{') {
            return false;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            int depth = 1;
            JsonToken token;
            while (depth > 0 && (token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        if (name.startsWith("$") || name.contains(".") || name.indexOf('\0') >= 0) {
                            return false;
                        }
                    }
                    case VALUE_NUMBER_INT -> {
                        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return false;
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        BigDecimal exact = parser.getDecimalValue();
                        double asDouble = exact.doubleValue();
                        if (Double.isInfinite(asDouble) || new BigDecimal(Double.toString(asDouble)).compareTo(exact) != 0) {
                            return false;
                        }
                    }
                    default -> {
                        // strings, booleans and nulls come back as they were
                    }
                }
            }
            return depth == 0 && parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }
}
