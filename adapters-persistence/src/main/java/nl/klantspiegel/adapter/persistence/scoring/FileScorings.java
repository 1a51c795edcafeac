package nl.klantspiegel.adapter.persistence.scoring;

import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Alternative scorings as files: the ones shipped in the jar ({@code scorings/*.properties}) and every
 * {@code *.properties} an analyst puts in the scorings directory ({@code klantspiegel.scorings-dir}, by default
 * {@code <data-dir>/scorings}). Read at every request, so a file added or fixed counts at once, without a restart.
 */
public final class FileScorings implements Scorings {

    private static final Logger log = LoggerFactory.getLogger(FileScorings.class);

    private final Path directory;

    public FileScorings(Path directory) {
        this.directory = directory;
    }

    @Override
    public List<AlternativeScoring> valid() {
        List<AlternativeScoring> valid = new ArrayList<>();
        read(valid, new ArrayList<>());
        return valid;
    }

    @Override
    public List<Refused> refused() {
        List<Refused> refused = new ArrayList<>();
        read(new ArrayList<>(), refused);
        return refused;
    }

    private void read(List<AlternativeScoring> valid, List<Refused> refused) {
        var own = AlternativeScoring.pointsOf(Instruments.current());
        try {
            for (Resource shipped : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:scorings/*.properties")) {
                String text = new String(shipped.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                add("shipped " + shipped.getFilename(), text, own, valid, refused);
            }
        } catch (IOException e) {
            log.warn("The shipped scorings could not be read: {}", e.toString());
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".properties"))
                        .sorted().toList()) {
                    add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), own, valid,
                            refused);
                }
            } catch (IOException e) {
                refused.add(new Refused(directory.toString(), "cannot be read: " + e.getMessage()));
            }
        }
    }

    private static void add(String name, String text, java.util.Map<Integer, java.util.Map<nl.klantspiegel.domain
            .instrument.Option, Integer>> own, List<AlternativeScoring> valid, List<Refused> refused) {
        try {
            valid.add(AlternativeScoring.parse(text, own));
        } catch (AlternativeScoring.InvalidScoring invalid) {
            refused.add(new Refused(name, invalid.getMessage()));
        }
    }
}
