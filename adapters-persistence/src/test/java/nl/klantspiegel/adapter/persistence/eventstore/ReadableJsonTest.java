package nl.klantspiegel.adapter.persistence.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"assessmentId\":\"a\",\"question\":3,\"option\":\"B\",\"at\":\"2026-11-22T09:00:00.123Z\"}",
            "{\"n\":{\"list\":[1,2.5,-3,true,null,\"x\"]},\"big\":9007199254740993,\"small\":-0.125}",
            "{\"text\":\"quotes \\\" and \\\\ and \\u00e9 and \\n\"}",
            "{\"double\":1.0E300}",
    })
    void json_objects_become_documents_and_come_back_the_same(String json) throws Exception {
        Object stored = ReadableJson.toStored(json);

        assertThat(stored).isInstanceOf(Document.class);
        JsonNode back = JSON.readTree(ReadableJson.fromStored(stored));
        assertThat(back).isEqualTo(JSON.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"a plain string\"",
            "[1,2,3]",
            "<xml>not json</xml>",
            "{\"$set\":1}",
            "{\"a.b\":1}",
            "{\"precise\":0.1000000000000000055511151231257827}",
            "{\"huge\":123456789012345678901234567890}",
            "{\"broken\":",
            "{} trailing",
            "",
    })
    void anything_that_would_not_come_back_exactly_stays_a_string(String serialized) {
        Object stored = ReadableJson.toStored(serialized);

        assertThat(stored).isEqualTo(serialized);
        assertThat(ReadableJson.fromStored(stored)).isEqualTo(serialized);
    }
}
