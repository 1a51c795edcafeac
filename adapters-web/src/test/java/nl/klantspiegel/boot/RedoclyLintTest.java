package nl.klantspiegel.boot;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document lints with zero errors in Redocly CLI (its recommended rules, no configuration of
 * ours), as an integrator's tooling would read it. CI installs the CLI ({@code .ci/run}: {@code @redocly/cli@2.77.0}
 * from the npm registry) and requires this test to run ({@code KLANTSPIEGEL_REQUIRE_LINT=1}); elsewhere it runs when
 * {@code redocly} or {@code npx} is on the path and is skipped, saying so, when neither is.
 */
class RedoclyLintTest {

    private static final String VERSION = "2.77.0";
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

    @Test
    void the_committed_document_lints_without_an_error() throws Exception {
        Lint lint = lint(DOCUMENT);

        assertThat(lint.exit()).as("redocly lint docs/openapi.json:\n%s", lint.output()).isZero();
        assertThat(lint.output()).contains("Your API description is valid");
    }

    /** The lint can fail: a field made nullable without a type (an error in Redocly's rules) is caught. */
    @Test
    void a_document_with_an_error_fails_the_lint(@TempDir Path directory) throws Exception {
        String broken = Files.readString(DOCUMENT).replaceFirst("\"type\" : \"object\",\\s*\"nullable\" : true",
                "\"nullable\" : true");
        assertThat(broken).as("the document has a nullable record to break").isNotEqualTo(Files.readString(DOCUMENT));
        Path copy = directory.resolve("openapi.json");
        Files.writeString(copy, broken);

        Lint lint = lint(copy);

        assertThat(lint.exit()).as(lint.output()).isNotZero();
        assertThat(lint.output()).contains("nullable-type-sibling");
    }

    private record Lint(int exit, String output) {
    }

    private static Lint lint(Path document) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(cli());
        command.addAll(List.of("lint", "--format=stylish", document.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("redocly did not finish within 3 minutes:\n" + output);
        }
        return new Lint(process.exitValue(), output);
    }

    private static List<String> cli() {
        if (onPath("redocly")) {
            return List.of("redocly");
        }
        if (onPath("npx")) {
            return List.of("npx", "--yes", "@redocly/cli@" + VERSION);
        }
        boolean required = "1".equals(System.getenv("KLANTSPIEGEL_REQUIRE_LINT"));
        assertThat(required).as("KLANTSPIEGEL_REQUIRE_LINT=1, but neither redocly nor npx is on the path").isFalse();
        Assumptions.abort("Redocly CLI is not installed (npm install -g @redocly/cli@" + VERSION
                + ", or Node.js for npx): the lint is skipped here");
        return List.of();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
