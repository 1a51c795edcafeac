package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is ever lost, and nothing is ever shown half: the packaged application, as a child process,
 * takes answers, is killed with SIGKILL, and after a restart on the same data directory shows every answer it
 * acknowledged in the very first answer it gives (it may say 503 while its views catch up, never less).
 */
class CrashRecoveryIT {

    private static final int RESPONDENTS = 8;
    private static final String[] OPTIONS = {"a", "b", "c"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    private Process application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.destroyForcibly();
        }
    }

    @Test
    void every_acknowledged_answer_survives_a_hard_kill() throws Exception {
        int port = freePort();
        application = launch(port, "first");
        ApiClient api = new ApiClient(port);
        awaitReady(api);

        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger acks = new AtomicInteger();
        CountDownLatch enoughAcks = new CountDownLatch(1);
        ExecutorService respondents = Executors.newFixedThreadPool(RESPONDENTS);
        for (int r = 0; r < RESPONDENTS; r++) {
            int respondent = r;
            respondents.submit(() -> {
                String id = api.start(null);
                List<String> answers = new ArrayList<>();
                acknowledged.put(id, answers);
                for (int i = 0; !killed.get(); i++) {
                    int question = 1 + (i % 6);
                    // every answer differs from the previous one to the same question, so each is one event
                    String option = OPTIONS[(i / 6 + respondent) % 3];
                    try {
                        if (api.answer(id, question, option).status() == 200) {
                            answers.add(question + option);
                            if (acks.incrementAndGet() >= 200) {
                                enoughAcks.countDown();
                            }
                        }
                    } catch (RuntimeException connectionLost) {
                        if (!killed.get()) {
                            throw connectionLost;
                        }
                    }
                }
                return null;
            });
        }
        assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).as("200 answers acknowledged in time").isTrue();
        killed.set(true);
        application.destroyForcibly().waitFor(); // SIGKILL, while answers are in flight
        respondents.shutdown();
        assertThat(respondents.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int acknowledgedAnswers = acknowledged.values().stream().mapToInt(List::size).sum();
        System.out.printf("killed after %d acknowledged answers from %d respondents; data file %d KB%n",
                acknowledgedAnswers, acknowledged.size(),
                Files.size(dataDirectory.resolve("klantspiegel.mv.db")) / 1024);

        application = launch(port, "second");

        // no waiting for the projection: the first answer the API gives after the restart must already be whole
        for (Map.Entry<String, List<String>> respondent : acknowledged.entrySet()) {
            List<String> expected = respondent.getValue();
            List<String> stored = answersIn(firstSuccess(api, "/api/assessments/" + respondent.getKey() + "/history"));
            assertThat(stored).as("answers of %s in the first history after the restart", respondent.getKey())
                    .hasSizeGreaterThanOrEqualTo(expected.size());
            assertThat(stored.subList(0, expected.size()))
                    .as("the acknowledged answers of %s, in order", respondent.getKey())
                    .isEqualTo(expected);
            assertThat(stored.size() - expected.size())
                    .as("at most the one answer in flight at the kill was stored unacknowledged")
                    .isBetween(0, 1);
        }
    }

    @Test
    void the_first_answer_after_a_kill_right_after_an_acknowledged_answer_shows_it() throws Exception {
        int port = freePort();
        application = launch(port, "single-first");
        ApiClient api = new ApiClient(port);
        awaitReady(api);

        String id = api.start(null);
        List<String> acknowledged = new ArrayList<>();
        Map<String, String> lastAnswers = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            int question = 1 + (i % 6);
            String option = OPTIONS[(i / 6) % 3];
            assertThat(api.answer(id, question, option).status()).isEqualTo(200);
            acknowledged.add(question + option);
            lastAnswers.put(String.valueOf(question), option);
        }
        application.destroyForcibly().waitFor(); // SIGKILL at once after the last acknowledgement

        application = launch(port, "single-second");
        JsonNode view = firstSuccess(api, "/api/assessments/" + id).json();
        ApiClient.Response history = firstSuccess(api, "/api/assessments/" + id + "/history");

        assertThat(view.get("answers").toString()).as("the view in the first answer after the restart")
                .isEqualTo(JSON.writeValueAsString(lastAnswers));
        assertThat(answersIn(history)).as("the history in the first answer after the restart").isEqualTo(acknowledged);
    }

    /**
     * Asks until the application answers at all: a refused connection (not started yet) and {@code 503} (its views
     * are catching up, it says so) are asked again; the first other answer must be a success, and is returned.
     */
    private ApiClient.Response firstSuccess(ApiClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int unavailable = 0;
        while (System.nanoTime() < deadline) {
            assertThat(application.isAlive()).as("the application is running").isTrue();
            try {
                ApiClient.Response response = api.get(path);
                if (response.status() != 503) {
                    assertThat(response.status()).as("the first answer to %s (after %d times 503)", path, unavailable)
                            .isEqualTo(200);
                    return response;
                }
                unavailable++;
            } catch (UncheckedIOException notYetListening) {
                // keep asking
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the application did not answer in time");
    }

    private static List<String> answersIn(ApiClient.Response history) {
        List<String> answers = new ArrayList<>();
        for (JsonNode event : history.json()) {
            if (event.get("type").asText().equals("AnswerGiven")) {
                answers.add(event.get("data").get("question").asInt() + event.get("data").get("option").asText());
            }
        }
        return answers;
    }

    private Process launch(int port, String name) throws IOException {
        Path log = Path.of(System.getProperty("klantspiegel.it-logs", "target")).resolve("crash-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", requiredJar().toString(),
                "--server.port=" + port,
                "--klantspiegel.data-dir=" + dataDirectory)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        process.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return process.start();
    }

    private static Path requiredJar() {
        String jar = System.getProperty("klantspiegel.jar");
        assertThat(jar).as("system property klantspiegel.jar (set by the failsafe configuration)").isNotBlank();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    private void awaitReady(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(application.isAlive()).as("the application is running").isTrue();
            try {
                if (api.get("/api/instrument").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not become ready in time");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
