package nl.klantspiegel.boot;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data directories of the tests: fresh for each test class, under {@code target/}, so a clone stays clean. */
public final class TestData {

    private TestData() {
    }

    public static Path freshDirectory(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code @DynamicPropertySource}: the application under test keeps its data in a fresh directory. */
    public static void freshDataDirectory(DynamicPropertyRegistry properties, String prefix) {
        String directory = freshDirectory(prefix).toString();
        properties.add("klantspiegel.data-dir", () -> directory);
    }
}
