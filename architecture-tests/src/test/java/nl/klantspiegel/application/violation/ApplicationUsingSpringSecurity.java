package nl.klantspiegel.application.violation;

import org.springframework.security.core.context.SecurityContextHolder;

/** Deliberately wrong: a use case asking Spring Security who is calling. */
public class ApplicationUsingSpringSecurity {
    String caller() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
