package nl.klantspiegel.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import nl.klantspiegel.boot.LocalCluster;
import nl.klantspiegel.boot.LocalCluster.Node;
import org.bson.Document;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast the product answers with 1, 2 and 3 nodes on one database behind HAProxy (round robin, no stickiness; see
 * {@link LocalCluster}): respondents start, answer six questions and complete, in a loop, for a number of seconds after
 * a warm-up. Prints, does not assert: answers per second, p50 and p99 of an answer, how many requests each node served,
 * and the ratio to the figure of one node; and, in the same run, the store's raw ceiling: plain inserts through the
 * MongoDB driver into the embedded database served on its loopback port, with the ratio product/raw.
 *
 * <p>Every node, the database (inside node a), the balancer and this load client share the machine's cores: on a
 * machine with two cores more nodes cannot be faster; the figures show what coordinating through one database costs,
 * not a speed-up.
 *
 * <p>Run: {@code ./mvnw -pl adapters-web -am -Pcluster-benchmark -DskipTests verify} (see adapters-web/pom.xml).
 * Options (system properties): {@code benchmark.nodes} (default 1,2,3), {@code benchmark.seconds} (measured, default
 * 30), {@code benchmark.warmup} (seconds, default 20), {@code benchmark.respondents} (at once, default 16), {@code
 * benchmark.raw-seconds} (default 10), {@code benchmark.jvm} (the nodes' JVM options, comma-separated, default
 * -Xmx512m).
 */
public final class ClusterBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.nodes", "1,2,3").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private final int seconds = Integer.getInteger("benchmark.seconds", 30);
    private final int warmup = Integer.getInteger("benchmark.warmup", 20);
    private final int respondents = Integer.getInteger("benchmark.respondents", 16);
    private final int rawSeconds = Integer.getInteger("benchmark.raw-seconds", 10);
    private final List<String> jvm = Arrays.stream(System.getProperty("benchmark.jvm", "-Xmx512m").split(","))
            .map(String::trim).filter(option -> !option.isEmpty() && !option.equals("none")).toList();

    public static void main(String[] args) {
        int status = 0;
        try {
            new ClusterBenchmark().run();
        } catch (Throwable failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private record Figures(int nodes, double answersPerSecond, double p50, double p99, int answers, int errors,
                           Map<String, Integer> served, String balancer, String load) {
    }

    private void run() throws Exception {
        LocalCluster.haproxy();
        // the driver's connection messages of the raw-insert measurement are noise here
        if (org.slf4j.LoggerFactory.getLogger("org.mongodb.driver") instanceof ch.qos.logback.classic.Logger driver) {
            driver.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        System.out.printf("Cluster benchmark: %s nodes behind HAProxy (round robin), %d respondents, %d s warm-up, "
                        + "%d s measured each; nodes' JVM %s%nMachine: %d cores, Java %s%n%n", sizes, respondents,
                warmup, seconds, jvm, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Figures> figures = new ArrayList<>();
        double[] raw = null;
        for (int size : sizes) {
            try (LocalCluster cluster = new LocalCluster("cluster-benchmark-" + size, jvm, List.of(
                    "--klantspiegel.operator.email=" + LocalCluster.OPERATOR_EMAIL,
                    "--klantspiegel.operator.password=" + LocalCluster.OPERATOR_PASSWORD,
                    "--klantspiegel.rate-limit.assessment-starts.capacity=100000000",
                    "--logging.level.root=WARN"))) {
                Node a = cluster.startDatabaseNode("a", List.of());
                require(cluster.awaitReady(a, Duration.ofMinutes(3)), "node a ready; see " + a.log());
                List<Node> others = new ArrayList<>();
                for (int n = 1; n < size; n++) {
                    others.add(cluster.startNode(String.valueOf((char) ('a' + n)), List.of()));
                }
                long othersStarted = System.nanoTime();
                for (Node node : others) {
                    Duration left = Duration.ofSeconds(120).minusNanos(System.nanoTime() - othersStarted);
                    if (!cluster.awaitReady(node, left.isNegative() ? Duration.ZERO : left)) {
                        System.out.printf("  NOTE: node %s is not ready after 120 s; the balancer sends it nothing "
                                + "(see %s)%n", node.name(), node.log());
                    }
                }
                cluster.startBalancer();
                for (Node node : cluster.nodes()) {
                    cluster.awaitBalancerState(node, cluster.ready(node) ? "UP" : "DOWN", Duration.ofSeconds(15));
                }
                System.out.printf("%d node(s) up; balancer: %s%n", size, cluster.balancerView());
                Figures measured = measure(cluster, size);
                figures.add(measured);
                System.out.printf("  %.1f answers/s, p50 %.1f ms, p99 %.1f ms, %d errors, served %s, machine load %s%n",
                        measured.answersPerSecond, measured.p50, measured.p99, measured.errors, measured.served,
                        measured.load);
                if (size == 1 && rawSeconds > 0) {
                    raw = new double[]{rawInserts(cluster.databaseUri(), 1), rawInserts(cluster.databaseUri(), 8)};
                    System.out.printf("  raw driver inserts into the embedded database on its port: %.0f/s (1 thread),"
                            + " %.0f/s (8 threads)%n", raw[0], raw[1]);
                }
            }
        }
        print(figures, raw);
    }

    private Figures measure(LocalCluster cluster, int size) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(respondents);
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < respondents; r++) {
            int respondent = r;
            running.add(load.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                Random random = new Random(respondent);
                String base = cluster.publicUrl();
                while (!stop.get()) {
                    HttpResponse<String> started = send(http, "POST", base + "/api/assessments", "{}", served);
                    if (started == null || started.statusCode() != 201) {
                        errors.incrementAndGet();
                        continue;
                    }
                    Matcher id = ID.matcher(started.body());
                    if (!id.find()) {
                        errors.incrementAndGet();
                        continue;
                    }
                    String path = base + "/api/assessments/" + id.group(1);
                    for (int question = 1; question <= 6 && !stop.get(); question++) {
                        long begin = System.nanoTime();
                        HttpResponse<String> answered = send(http, "PUT", path + "/answers/" + question,
                                "{\"option\":\"" + "abc".charAt(random.nextInt(3)) + "\"}", served);
                        long took = System.nanoTime() - begin;
                        if (answered == null || answered.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (measuring.get()) {
                            answers.incrementAndGet();
                            latencies.add(took);
                        }
                    }
                    HttpResponse<String> completed = send(http, "POST", path + "/completion", null, served);
                    if (completed == null || completed.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmup * 1000L);
        served.clear();
        errors.set(0);
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        String loadAfter = loadAverage();
        double elapsed = (System.nanoTime() - started) / 1e9;
        int counted = answers.get();
        int failed = errors.get();
        Map<String, Integer> perNode = new TreeMap<>();
        served.forEach((node, count) -> perNode.put(node, count.get()));
        stop.set(true);
        load.shutdown();
        load.awaitTermination(2, TimeUnit.MINUTES);
        for (Future<?> task : running) {
            task.get();
        }
        List<Long> all = new ArrayList<>(latencies);
        all.sort(null);
        return new Figures(size, counted / elapsed, percentile(all, 0.50), percentile(all, 0.99), counted, failed,
                perNode, cluster.balancerView().toString(), loadBefore + " → " + loadAfter);
    }

    private static HttpResponse<String> send(HttpClient http, String method, String uri, String body,
                                             Map<String, AtomicInteger> served) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            served.computeIfAbsent(response.headers().firstValue(LocalCluster.NODE_HEADER).orElse("?"),
                    key -> new AtomicInteger()).incrementAndGet();
            return response;
        } catch (IOException failed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Plain inserts of a small document (about an event's size) through the driver, for {@code rawSeconds}. */
    private double rawInserts(String uri, int threads) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> scratch = client.getDatabase("klantspiegel").getCollection("benchmarkRaw"
                    + threads);
            String payload = "x".repeat(400);
            AtomicInteger inserted = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sequence = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(threads);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(writers.submit(() -> {
                    while (!stop.get()) {
                        scratch.insertOne(new Document("_id", sequence.incrementAndGet())
                                .append("aggregateIdentifier", "raw").append("payload", payload));
                        inserted.incrementAndGet();
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            Thread.sleep(rawSeconds * 1000L);
            stop.set(true);
            int count = inserted.get();
            double elapsed = (System.nanoTime() - started) / 1e9;
            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdown();
            scratch.drop();
            return count / elapsed;
        }
    }

    private void print(List<Figures> figures, double[] raw) {
        System.out.printf("%n| Nodes | Answers/s | Ratio to 1 node | p50 (ms) | p99 (ms) | Errors | Requests served per node "
                + "| Machine load (1 min) |%n");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double one = figures.stream().filter(f -> f.nodes == 1).mapToDouble(Figures::answersPerSecond).findFirst()
                .orElse(Double.NaN);
        for (Figures f : figures) {
            System.out.printf("| %d | %.1f | %.2f | %.1f | %.1f | %d | %s | %s |%n", f.nodes, f.answersPerSecond,
                    f.answersPerSecond / one, f.p50, f.p99, f.errors, f.served, f.load);
        }
        if (raw != null) {
            System.out.printf("%nThe store's raw ceiling in this run: %.0f inserts/s (1 thread), %.0f/s (8 threads), "
                    + "plain driver inserts into the embedded database on its loopback port.%n", raw[0], raw[1]);
            for (Figures f : figures) {
                System.out.printf("Product/raw with %d node(s): %.2f (answers/s over 8-thread inserts/s)%n", f.nodes,
                        f.answersPerSecond / raw[1]);
            }
        }
        System.out.printf("%nThis machine has %d cores, shared by every node, the database (inside node a), HAProxy "
                        + "and this load client: more nodes cannot be faster here. The ratio shows what coordinating "
                        + "through one database costs, not a speed-up. A machine load far above its cores means other work "
                        + "shared them too: compare only figures measured at a similar load.%n",
                Runtime.getRuntime().availableProcessors());
    }

    /** The machine's 1-minute load average (Linux), to tell a busy machine from a slow product. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    private static double percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1)) / 1e6;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("not so: " + what);
        }
    }
}
