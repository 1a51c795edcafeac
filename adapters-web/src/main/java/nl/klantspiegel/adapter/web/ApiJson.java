package nl.klantspiegel.adapter.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/** JSON of the API: options and languages as respondents write them ("a", "nl"). */
@Configuration(proxyBeanMethods = false)
class ApiJson {

    @Bean
    SimpleModule klantspiegelApiModule() {
        SimpleModule module = new SimpleModule("klantspiegel-api");
        module.addSerializer(Option.class, new JsonSerializer<>() {
            @Override
            public void serialize(Option option, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(option.key());
            }
        });
        module.addSerializer(Language.class, new JsonSerializer<>() {
            @Override
            public void serialize(Language language, JsonGenerator json, SerializerProvider provider)
                    throws IOException {
                json.writeString(language.code());
            }
        });
        return module;
    }
}
