package nl.klantspiegel.adapter.persistence.violation;

import org.springframework.security.core.context.SecurityContextHolder;

/** Deliberately wrong: storage asking Spring Security who is calling, to record it with the data. */
public class PersistenceUsingSpringSecurity {
    String storedBy() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
