package nl.klantspiegel.application.violation;

import org.springframework.web.bind.annotation.GetMapping;

/** Deliberately wrong: a use case serving HTTP itself. */
public class ApplicationUsingSpringWeb {
    @GetMapping("/x")
    String get() {
        return "x";
    }
}
