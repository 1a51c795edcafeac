package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is ever lost: the packaged application, as a child process, takes answers from
 * several respondents at once, is killed with SIGKILL in the middle of it, and after a restart on the same
 * data directory shows every answer it acknowledged.
 */
class CrashRecoveryIT {

    private static final int RESPONDENTS = 8;
    private static final String[] OPTIONS = {"a", "b", "c"};

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
        awaitReady(api);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Map.Entry<String, List<String>> respondent : acknowledged.entrySet()) {
            List<String> stored = storedAnswers(api, respondent.getKey(), respondent.getValue().size(), deadline);
            List<String> expected = respondent.getValue();
            assertThat(stored).as("answers of %s after the restart", respondent.getKey())
                    .hasSizeGreaterThanOrEqualTo(expected.size());
            assertThat(stored.subList(0, expected.size()))
                    .as("the acknowledged answers of %s, in order", respondent.getKey())
                    .isEqualTo(expected);
            assertThat(stored.size() - expected.size())
                    .as("at most the one answer in flight at the kill was stored unacknowledged")
                    .isBetween(0, 1);
        }
    }

    /** The answers in the assessment's history, once the restarted projection has caught up that far. */
    private static List<String> storedAnswers(ApiClient api, String id, int atLeast, long deadline)
            throws InterruptedException {
        while (true) {
            ApiClient.Response history = api.get("/api/assessments/" + id + "/history");
            List<String> answers = new ArrayList<>();
            if (history.status() == 200) {
                for (JsonNode event : history.json()) {
                    if (event.get("type").asText().equals("AnswerGiven")) {
                        answers.add(event.get("data").get("question").asInt() + event.get("data").get("option").asText());
                    }
                }
            }
            if (answers.size() >= atLeast || System.nanoTime() > deadline) {
                return answers;
            }
            Thread.sleep(100);
        }
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
