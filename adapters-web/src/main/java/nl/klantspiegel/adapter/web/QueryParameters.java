package nl.klantspiegel.adapter.web;

import nl.klantspiegel.application.port.in.InvalidRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The query parameters several endpoints share, read one way with one error for each. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A day, {@code YYYY-MM-DD}; null when absent or blank. */
    public static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADay) {
            throw new InvalidRequest("'" + name + "' must be a day written as YYYY-MM-DD.");
        }
    }

    /** An ISO-8601 instant; null when absent or blank. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw new InvalidRequest(name + " is an ISO-8601 instant, e.g. 2026-05-01T00:00:00Z.");
        }
    }

    /** The value, or null when absent or blank. */
    public static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
