package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.scoring.AlternativeScoring;

import java.util.List;

/** The alternative scorings analysts have added as files, and the files that could not be read. */
public interface Scorings {

    List<AlternativeScoring> valid();

    /** Files that are not a usable scoring: their name and why. */
    List<Refused> refused();

    record Refused(String file, String reason) {
    }
}
