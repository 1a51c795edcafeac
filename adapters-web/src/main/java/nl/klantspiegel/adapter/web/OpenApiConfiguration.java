package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI document (and Swagger UI at /api-docs.html) says about the API as a whole. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI klantspiegelApi() {
        return new OpenAPI().info(new Info()
                .title("Klantspiegel API")
                .version("1")
                .description("""
                        The customer-orientation self-test: take it (start, answer, change answers, complete) and read \
                        the result and the stored events. All JSON; every refusal is application/problem+json \
                        (RFC 9457) with a stable `type` and a `detail` in the client's terms. Changes take JSON or no \
                        body; bodies are at most 2 KB and must arrive within 10 seconds; starts are limited per \
                        client address (429 with Retry-After)."""));
    }
}
