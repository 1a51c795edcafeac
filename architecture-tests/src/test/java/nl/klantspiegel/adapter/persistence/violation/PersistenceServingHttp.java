package nl.klantspiegel.adapter.persistence.violation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Deliberately wrong: the persistence adapter serving the read model over HTTP itself. */
public class PersistenceServingHttp {
    @GetMapping("/views/{id}")
    String view(@PathVariable String id) {
        return id;
    }
}
