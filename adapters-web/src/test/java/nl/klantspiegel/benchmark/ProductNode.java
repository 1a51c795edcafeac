package nl.klantspiegel.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.LocalCluster;
import nl.klantspiegel.boot.LocalCluster.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged product as one child process, started as it runs by default: on its own embedded database (H2 file)
 * in a fresh data directory, reachable from its own process only ({@link LocalCluster#standaloneNode}). Besides its
 * JVM options, the benchmark tells it three things on its command line, and says so in its output: the start limit
 * per address raised ({@value #START_LIMIT} per hour: every respondent here comes from 127.0.0.1), the metrics
 * endpoint exposed (for the store's commit time), and the operator's account (for the event store's head).
 *
 * <p>What it reads from outside: readiness ({@code /actuator/health/readiness}, polled every 50 ms), the log line
 * "Tomcat started", the process's CPU time ({@link ProcessHandle.Info#totalCpuDuration()}) and each of its threads'
 * ({@code /proc/<pid>/task/<tid>/stat}, named by {@code jcmd <pid> Thread.print}), its resident memory ({@code VmRSS}
 * in {@code /proc/<pid>/status}), the commit metrics ({@code /actuator/metrics/klantspiegel.store.commit} and
 * {@code .cpu}), the head of the event store ({@code GET /api/projections}, as the operator), and the size of the data
 * file. Whatever an older build does not have is left out ({@code null}), not guessed.
 */
final class ProductNode implements AutoCloseable {

    static final long START_LIMIT = 1_000_000_000L;
    static final List<String> TOLD = List.of(
            "--klantspiegel.rate-limit.assessment-starts.capacity=" + START_LIMIT,
            "--management.endpoints.web.exposure.include=health,metrics");
    private static final String DATA_FILE = "klantspiegel.mv.db";
    /** A thread's line in {@code jcmd <pid> Thread.print}: its name, and its Linux thread id as {@code nid}. */
    private static final Pattern JAVA_THREAD = Pattern.compile("(?m)^\"([^\"]+)\".*? nid=(0x[0-9a-f]+|[0-9]+)");

    private final String label;
    private final LocalCluster cluster;
    private final Node node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String readinessPath = "/actuator/health/readiness";
    private String bearer;
    private Startup startup;

    /** How long the start took: from the process's start, and from the "Tomcat started" line, to readiness UP. */
    record Startup(double processToReadySeconds, Double tomcatToReadySeconds, String startedLine, Long restRssKb,
                   Double idleCpuMillisPerSecond) {
    }

    /**
     * The node at one moment (the edge of a measured window); null where it could not be read. {@code threads}: each
     * thread's CPU time so far in clock ticks, by thread id and name (Linux), to tell where the CPU time goes.
     */
    record Snapshot(Long cpuNanos, Long commits, Double commitSeconds, Double commitCpuSeconds, Long head,
                    Long rssKb, Map<String, Long> threads) {
    }

    /** @param jar the runnable jar; {@code null}: the one just built ({@code klantspiegel.jar}) */
    ProductNode(String label, Path jar, List<String> jvmOptions) {
        this.label = label;
        List<String> arguments = new ArrayList<>(TOLD);
        arguments.addAll(List.of(
                "--klantspiegel.operator.email=" + LocalCluster.OPERATOR_EMAIL,
                "--klantspiegel.operator.password=" + LocalCluster.OPERATOR_PASSWORD,
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.web.embedded.tomcat.TomcatWebServer=INFO",
                "--logging.level.nl.klantspiegel.boot.KlantspiegelApplication=INFO"));
        this.cluster = new LocalCluster("product-benchmark-" + label, jar, jvmOptions, arguments);
        this.node = cluster.standaloneNode("a", List.of());
    }

    String label() {
        return label;
    }

    Path dataDirectory() {
        return node.dataDirectory();
    }

    Path log() {
        return node.log();
    }

    String base() {
        return "http://127.0.0.1:" + node.port();
    }

    long pid() {
        return node.pid();
    }

    Startup startup() {
        return startup;
    }

    /** Starts the process and waits until it is ready (fails after {@code limit}); then signs the operator in. */
    Startup start(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        cluster.start(node);
        long deadline = started + limit.toNanos();
        while (!ready()) {
            if (!node.alive()) {
                throw new IllegalStateException(label + ": the process ended before it was ready; see " + node.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": not ready after " + limit + "; see " + node.log());
            }
            Thread.sleep(50);
        }
        Instant readyAt = Instant.now();
        double processToReady = (System.nanoTime() - started) / 1e9;
        Double tomcatToReady = null;
        String startedLine = null;
        for (String line : logLines()) {
            // "Tomcat started" in builds before the quiet log, the product's own "ready in" line after it
            if (tomcatToReady == null && (line.contains("Tomcat started") || line.contains("Klantspiegel ")
                    && line.contains(" ready in "))) {
                tomcatToReady = logTime(line).map(at -> Duration.between(at, readyAt).toNanos() / 1e9).orElse(null);
            }
            if (startedLine == null && line.contains("Started KlantspiegelApplication")) {
                startedLine = line.substring(line.indexOf("Started KlantspiegelApplication"));
            } else if (startedLine == null && line.contains(" ready in ")) {
                startedLine = line.substring(line.indexOf("Klantspiegel "));
            }
        }
        signIn();
        // at rest, before any load: its background work, and still the JIT compiling what the start ran
        Double idle = idleCpuMillisPerSecond(3);
        startup = new Startup(processToReady, tomcatToReady, startedLine, rssKb(), idle);
        return startup;
    }

    private boolean ready() {
        try {
            HttpResponse<String> response = get(readinessPath, null);
            if (response.statusCode() == 404 && readinessPath.endsWith("/readiness")) {
                readinessPath = "/actuator/health"; // an older build without the readiness group
                return false;
            }
            if (response.statusCode() == 404 && readinessPath.equals("/actuator/health")) {
                readinessPath = "/"; // an older build without the actuator: ready once it serves its page
                return false;
            }
            if (readinessPath.equals("/")) {
                return response.statusCode() == 200;
            }
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    private List<String> logLines() {
        try {
            return Files.readAllLines(node.log(), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of();
        }
    }

    /** The time at the start of a line of Spring Boot's console log ({@code 2026-01-31T09:00:00.123+01:00 …}). */
    private static Optional<Instant> logTime(String line) {
        try {
            return Optional.of(OffsetDateTime.parse(line.strip().split("\\s+", 2)[0]).toInstant());
        } catch (RuntimeException notATime) {
            return Optional.empty();
        }
    }

    /** The operator's API token, for the event store's head; none when this build has no such endpoint. */
    private void signIn() {
        try {
            String basic = Base64.getEncoder().encodeToString((LocalCluster.OPERATOR_EMAIL + ":"
                    + LocalCluster.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tokens"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                bearer = json.readTree(response.body()).path("token").asText(null);
            }
        } catch (IOException | InterruptedException unavailable) {
            if (unavailable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (bearer == null) {
            System.out.printf("  NOTE: %s: no operator token; the event store's head is not read%n", label);
        }
    }

    private Long cpuNanos() {
        return ProcessHandle.of(node.pid()).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(null);
    }

    /** Read in the order of how fast each reading is (the cheapest, nearest the edge, first). */
    Snapshot snapshot() {
        Long cpu = cpuNanos();
        OptionalLong head = head();
        JsonNode commit = metric("klantspiegel.store.commit");
        JsonNode commitCpu = metric("klantspiegel.store.commit.cpu");
        return new Snapshot(cpu,
                commit == null ? null : (long) measurement(commit, "COUNT"),
                commit == null ? null : measurement(commit, "TOTAL_TIME"),
                commitCpu == null ? null : measurement(commitCpu, "TOTAL_TIME"),
                head.isPresent() ? head.getAsLong() : null, rssKb(), threadTicks());
    }

    /** Each thread's user and system CPU time in clock ticks, keyed {@code <tid> <name>}; empty where not Linux. */
    private Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + node.pid() + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * The Java names of the process's threads by their Linux thread id, from {@code jcmd <pid> Thread.print} (Linux
     * keeps only the first 15 characters of a name); empty when jcmd is not there. Called after a window, not in it.
     */
    Map<String, String> javaThreadNames() {
        Map<String, String> names = new HashMap<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return names;
        }
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(node.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor();
            Matcher thread = JAVA_THREAD.matcher(text);
            while (thread.find()) {
                String nid = thread.group(2); // hexadecimal up to Java 18, decimal after
                names.put(String.valueOf(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16)
                        : Long.parseLong(nid)), thread.group(1));
            }
        } catch (IOException | RuntimeException unavailable) {
            // the kernel's names will do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    /**
     * Where the CPU time between two snapshots went: the share of each kind of thread (its Java name where {@code
     * names} knows it, else the first 15 characters Linux keeps, with the numbers left out), the largest first, those
     * under 2 % together.
     */
    static String threadShares(Snapshot before, Snapshot after, Map<String, String> names) {
        Map<String, Long> byKind = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> thread : after.threads().entrySet()) {
            long spent = thread.getValue() - before.threads().getOrDefault(thread.getKey(), 0L);
            String tid = thread.getKey().substring(0, thread.getKey().indexOf(' '));
            String kind = names.getOrDefault(tid, thread.getKey().substring(thread.getKey().indexOf(' ') + 1))
                    .replaceAll("[0-9]+", "#");
            byKind.merge(kind, spent, Long::sum);
            total += spent;
        }
        if (total <= 0) {
            return "n/a";
        }
        long all = total;
        List<String> shares = new ArrayList<>();
        long rest = 0;
        for (Map.Entry<String, Long> kind : byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
            if (kind.getValue() * 50 < all) {
                rest += kind.getValue();
            } else {
                shares.add(String.format("%s %.0f %%", kind.getKey(), kind.getValue() * 100.0 / all));
            }
        }
        if (rest > 0) {
            shares.add(String.format("others %.0f %%", rest * 100.0 / all));
        }
        return String.join(", ", shares);
    }

    /**
     * The CPU time the process spends per second at rest, over {@code seconds} after a pause of two seconds: its
     * background work (timers, projections asking for new events, the store's periodic commit and compaction).
     */
    Double idleCpuMillisPerSecond(int seconds) throws InterruptedException {
        Thread.sleep(2_000);
        Long before = cpuNanos();
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Long after = cpuNanos();
        return before == null || after == null ? null : (after - before) / 1e6 / ((System.nanoTime() - started) / 1e9);
    }

    private JsonNode metric(String name) {
        try {
            HttpResponse<String> response = get("/actuator/metrics/" + name, null);
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException unavailable) {
            return null;
        }
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode measurement : metric.path("measurements")) {
            if (statistic.equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /** The newest position in the event store (positions are given out in order, one per event). */
    OptionalLong head() {
        if (bearer == null) {
            return OptionalLong.empty();
        }
        try {
            HttpResponse<String> response = get("/api/projections", bearer);
            if (response.statusCode() != 200) {
                return OptionalLong.empty();
            }
            long head = -1;
            for (JsonNode projection : json.readTree(response.body())) {
                head = Math.max(head, projection.path("head").asLong(-1));
            }
            return head < 0 ? OptionalLong.empty() : OptionalLong.of(head);
        } catch (IOException unavailable) {
            return OptionalLong.empty();
        }
    }

    /** The events of one assessment, as its history endpoint lists them; -1 if it cannot be read. */
    int historyLength(String assessment) {
        try {
            HttpResponse<String> response = get("/api/assessments/" + assessment + "/history", null);
            return response.statusCode() == 200 ? json.readTree(response.body()).size() : -1;
        } catch (IOException unavailable) {
            return -1;
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The process's resident memory in kB ({@code VmRSS}); null when it cannot be read (not Linux, ended). */
    Long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + node.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or the process has ended
        }
        return null;
    }

    /** The size of the data file in bytes, or -1. */
    long dataFileBytes() {
        try {
            return Files.size(node.dataDirectory().resolve(DATA_FILE));
        } catch (IOException missing) {
            return -1;
        }
    }

    /** Stops the process (SIGKILL: nothing of it is kept but its data directory and log). */
    @Override
    public void close() {
        cluster.close();
        try {
            ProcessHandle.of(node.pid()).ifPresent(process -> process.onExit().join());
        } catch (RuntimeException notStarted) {
            // never started
        }
    }

    /** Removes the data directory (and the node's working directory if nothing else is in it). */
    void deleteData() {
        deleteTree(node.dataDirectory());
        try {
            Files.deleteIfExists(node.dataDirectory().getParent());
        } catch (IOException notEmpty) {
            // kept
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.out.printf("  NOTE: could not remove %s: %s%n", root, e.getMessage());
        }
    }

    /** The machine's 1-minute load average (Linux), to tell a busy machine from a slow product. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }
}
