package nl.klantspiegel.application.violation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Deliberately wrong: a use case that counts days in a time zone of its own, beside the domain's. */
public class ApplicationWithATimeZoneOfItsOwn {
    LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneId.of("Europe/Amsterdam"));
    }
}
