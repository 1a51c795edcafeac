package nl.klantspiegel.application.violation;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Deliberately wrong: a use case turning its answer into JSON itself. */
public class ApplicationUsingJackson {
    String json(Object view) throws Exception {
        return new ObjectMapper().writeValueAsString(view);
    }
}
