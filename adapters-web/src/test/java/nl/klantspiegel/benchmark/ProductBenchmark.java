package nl.klantspiegel.benchmark;

import nl.klantspiegel.benchmark.ProductNode.Snapshot;
import nl.klantspiegel.benchmark.RespondentLoad.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The whole product's speed beside the store's own raw ceiling, in one run, with the ratio: speed claims come from
 * this program, which measures both on the same machine at the same time. A program that prints figures, not a test.
 * <ol type="a">
 *   <li><b>Raw ceiling</b> ({@link RawCeiling}): in this JVM, the embedded database the product uses by default (H2
 *   file, group commit), one event-like document of about 600 bytes inserted and made durable
 *   ({@code awaitDurable()}) per operation, by 1 and by 50 writer threads (the respondent counts): inserts/s.</li>
 *   <li><b>The product end to end</b> ({@link ProductNode}, {@link RespondentLoad}): the packaged jar as a child
 *   process on its own fresh embedded database; respondents over real HTTP in a loop (start, six answers, completion)
 *   with no think time, 1 and 50 at once, each after a warm-up; then respondents who wait 1–5 s before every request,
 *   as many as make an offered load of about 70 % of the saturation rate measured with 50. Answers/s (an answer is
 *   one {@code PUT}), p50/p99/max of an answer, completions/s, the ratio answers/s ÷ raw inserts/s with as many
 *   writers as respondents, and events/s, counted by the client (start, answer and completion one event each) and by
 *   the event store's head (the operator's {@code GET /api/projections}).</li>
 *   <li><b>The same on a store that holds history</b>: a fresh data directory filled with {@code benchmark.events}
 *   events first ({@link StoreFiller}: the product in this JVM appends assessment histories to its own event store),
 *   then the jar started on it: the time from the process's start, and from its "Tomcat started" line, to readiness
 *   {@code UP}, and the saturation runs (1, then 50 respondents: the same sequence as on the fresh store, so the JIT
 *   has had as long before each), with their p99 against the fresh store's.</li>
 *   <li><b>Costs</b>, for every measured window: the child's CPU milliseconds per answer (its own CPU time before and
 *   after the window), the commit time per answer and the commits' share of that CPU (the product's
 *   {@code klantspiegel.store.commit} metrics, read over the actuator: the store's commit and sync, made on the
 *   thread of the writer that leads a group commit or on the store's timer; the timer thread's compaction is not in
 *   it), where the CPU time went by thread, the child's resident memory and CPU time at rest after its start and
 *   after the load, and the data file's size per event.</li>
 *   <li><b>A baseline</b> (optional, {@code benchmark.baseline-jar}): another build of the product (an older commit's
 *   jar) measured as in (b) in the same run, and the product measured again after it; the ratio is the mean of the
 *   product's two runs to the baseline's, and how far the product's two runs lie apart is printed beside it (what
 *   runs first meets another machine: the same jar in both places once gave 0.93 and 0.72).</li>
 * </ol>
 * Ends with a Markdown table to paste into docs/benchmarks.md, with the machine's cores, its load average and the Java
 * version. Every non-2xx answer in a measured window is counted and makes the program exit with status 1.
 *
 * <p>Run: {@code ./mvnw -pl adapters-web -am -Pbenchmark -DskipTests verify -Dbenchmark.which=product} (see
 * adapters-web/pom.xml). Options (system properties): {@code benchmark.seconds} (each measured window, default 30),
 * {@code benchmark.warmup} (seconds before each, default 20), {@code benchmark.raw-seconds} (each raw measurement,
 * default as {@code benchmark.seconds}), {@code benchmark.respondents} (default 1,50), {@code benchmark.think}
 * (default true), {@code benchmark.think-respondents} (default 0: 70 % of saturation), {@code benchmark.events}
 * (default 200000; 0 leaves (c) out), {@code benchmark.child-jvm} (the child's JVM options, comma-separated, default
 * those of the {@code klantspiegel} launch script), {@code benchmark.baseline-jar} (default none), {@code benchmark.fill-batch} (events per append, default
 * 2000), {@code benchmark.fill-threads} (default 2), {@code benchmark.keep} (keep the data directories, default
 * false).
 */
public final class ProductBenchmark {

    private final int seconds = Integer.getInteger("benchmark.seconds", 30);
    private final int warmup = Integer.getInteger("benchmark.warmup", 20);
    private final int rawSeconds = Integer.getInteger("benchmark.raw-seconds", seconds);
    private final List<Integer> respondents = Arrays.stream(System.getProperty("benchmark.respondents", "1,50")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    private final boolean think = Boolean.parseBoolean(System.getProperty("benchmark.think", "true"));
    private final int thinkRespondents = Integer.getInteger("benchmark.think-respondents", 0);
    private final int events = Integer.getInteger("benchmark.events", 200_000);
    private final List<String> childJvm = Arrays.stream(System.getProperty("benchmark.child-jvm",
            "-Xmx512m,-XX:G1PeriodicGCInterval=5000,-XX:MaxHeapFreeRatio=20,-XX:MinHeapFreeRatio=10")
            .split(",")).map(String::trim).filter(option -> !option.isEmpty() && !option.equals("none")).toList();
    private final String baselineJar = System.getProperty("benchmark.baseline-jar", "").trim();
    private final int fillBatch = Integer.getInteger("benchmark.fill-batch", 2_000);
    private final int fillThreads = Integer.getInteger("benchmark.fill-threads", 2);
    private final boolean keep = Boolean.getBoolean("benchmark.keep");

    private final Map<String, Integer> failures = new TreeMap<>();
    private int rawDocumentBytes;
    private final List<String> markdown = new ArrayList<>();

    public static void main(String[] args) {
        int status = 0;
        try {
            status = new ProductBenchmark().run();
        } catch (Throwable failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** The figures of one build of the product on a fresh store. */
    private record Product(String label, String jar, ProductNode.Startup startup, List<Window<Snapshot>> saturation,
                           Window<Snapshot> think, long dataFileBytes, Long head, Double idleAfterLoad) {
    }

    private int run() throws Exception {
        if (respondents.isEmpty()) {
            throw new IllegalArgumentException("benchmark.respondents names no number of respondents");
        }
        quietLogs();
        long runStarted = System.nanoTime();
        String loadBefore = ProductNode.loadAverage();
        String jar = System.getProperty("klantspiegel.jar", "");
        System.out.printf("Product benchmark, %s%nMachine: %d cores, load average (1 min) %s, Java %s (%s), this JVM's "
                        + "max heap %d MB%nThe product: %s, JVM options %s%nSettings: %d s warm-up, %d s measured per "
                        + "window; raw %d s per writer count; respondents %s; think-time run %s; history for (c) %,d "
                        + "events%s%nThe child is told, besides its port and data directory: %s (the start limit per "
                        + "address raised: every respondent here is 127.0.0.1), the metrics endpoint exposed, and an "
                        + "operator account (to read the event store's head)%n%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                Runtime.getRuntime().availableProcessors(), loadBefore, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1 << 20), jar, childJvm,
                warmup, seconds, rawSeconds, respondents, think ? "yes" : "no", events,
                baselineJar.isEmpty() ? "" : "; baseline " + baselineJar, String.join(" ", ProductNode.TOLD));

        Map<Integer, RawCeiling.Figures> raw = raw();
        Product main = product("main", null, thinkRespondents);
        Integer thinkN = main.think == null ? null : main.think.respondents();
        Product baseline = baselineJar.isEmpty() ? null
                : product("baseline", Path.of(baselineJar), thinkN == null ? thinkRespondents : thinkN);
        // product, baseline, product again: what comes first in a run is measured on a machine in another state (an
        // A/A run, the same jar in both places, gave 0.93 and 0.72), so the product is compared by the mean of the
        // runs before and after the baseline, and the two say how far the machine alone moves a figure
        Product again = baseline == null ? null
                : product("main, again", null, thinkN == null ? thinkRespondents : thinkN);
        Filled filled = events > 0 ? filled(main) : null;

        String loadAfter = ProductNode.loadAverage();
        System.out.printf("%n==== summary (whole run %.1f min; load average %s before, %s after) ====%n%n",
                (System.nanoTime() - runStarted) / 60e9, loadBefore, loadAfter);
        table(raw, main, baseline, again, filled, loadBefore, loadAfter);
        markdown.forEach(System.out::println);
        if (!failures.isEmpty()) {
            int total = failures.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%nFAILED: %,d answers that were not 2xx in the measured windows: %s%n", total, failures);
            return 1;
        }
        return 0;
    }

    // ----- (a) the raw ceiling -------------------------------------------------------------------------------

    private Map<Integer, RawCeiling.Figures> raw() throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "product-benchmark-raw-");
        RawCeiling ceiling = new RawCeiling(directory.resolve("data"));
        Map<Integer, RawCeiling.Figures> figures = new LinkedHashMap<>();
        try {
            ceiling.open();
            rawDocumentBytes = ceiling.documentBytes();
            System.out.printf("(a) raw ceiling: the embedded database in this JVM (%s), one %d-byte event-like "
                    + "document inserted and made durable per operation%n", directory, ceiling.documentBytes());
            ceiling.measure(1, Math.min(5, Math.max(1, warmup))); // warm-up
            for (int threads : respondents) {
                String load = ProductNode.loadAverage();
                RawCeiling.Figures f = ceiling.measure(threads, rawSeconds);
                figures.put(threads, f);
                System.out.printf("  %2d writer(s): %,8.0f inserts/s, p50 %.2f ms, p99 %.2f ms; %.2f inserts per "
                                + "commit, commit %.3f ms per insert (CPU %.3f ms); this JVM's CPU %s ms per insert; "
                                + "load %s → %s%n", threads, f.insertsPerSecond(), f.p50Millis(), f.p99Millis(),
                        f.inserts() / (double) Math.max(1, f.commits()), f.commitMillisPerInsert(),
                        f.commitCpuMillisPerInsert(), number(f.cpuMillisPerInsert(), 3), load,
                        ProductNode.loadAverage());
            }
        } finally {
            ceiling.close();
            ProductNode.deleteTree(directory);
        }
        return figures;
    }

    // ----- (b) and (e) the product on a fresh store ----------------------------------------------------------

    private Product product(String label, Path jar, int thinkCount) throws Exception {
        String name = jar == null ? "the product (" + System.getProperty("klantspiegel.jar", "?") + ")"
                : "the baseline (" + jar + ")";
        System.out.printf("%n(%s) %s on a fresh embedded database%n", jar == null ? "b" : "e", name);
        ProductNode node = new ProductNode(label, jar, childJvm);
        try {
            ProductNode.Startup startup = ready(node, node.start(Duration.ofMinutes(5)));
            List<Window<Snapshot>> saturation = new ArrayList<>();
            for (int count : respondents) {
                saturation.add(measure(node, label + ", saturation", count, false));
            }
            HttpFloor.Figures floor = new HttpFloor(node.base(), respondents.get(respondents.size() - 1))
                    .run(Math.min(warmup, 10), seconds, () -> node.snapshot().cpuNanos());
            System.out.printf("  the web stack's floor, GET /api/instrument (no store), %d clients: %,.0f requests/s, p50 "
                            + "%.1f ms, p99 %.1f ms, child CPU %s ms per request%s%n", floor.clients(),
                    floor.perSecond(), floor.p50Millis(), floor.p99Millis(), number(floor.cpuMsPerRequest(), 3),
                    floor.errors() == 0 ? "" : "; NOT 200: " + floor.errors());
            if (floor.errors() > 0) {
                failures.merge(label + ", floor: not 200", floor.errors(), Integer::sum);
            }
            Window<Snapshot> thinking = null;
            if (think) {
                int n = thinkCount > 0 ? thinkCount : thinkRespondents(saturation);
                thinking = measure(node, label + ", think time 1–5 s", n, true);
            }
            List<Window<Snapshot>> all = new ArrayList<>(saturation);
            if (thinking != null) {
                all.add(thinking);
            }
            all.stream().map(Window::completedId).filter(Objects::nonNull).reduce((a, b) -> b)
                    .ifPresent(id -> System.out.printf("  a completed assessment's history (GET …/history): %d "
                            + "events (expected 8: start, six answers, completion)%n", node.historyLength(id)));
            Double idle = idleAfterLoad(node);
            OptionalLong stored = node.head();
            Long head = stored.isPresent() ? stored.getAsLong() : null;
            long bytes = node.dataFileBytes();
            System.out.printf("  data file %s for %s events (%s per event)%n", megabytes(bytes),
                    head == null ? "?" : String.format("%,d", head), head == null || head == 0 ? "?"
                            : String.format("%,d bytes", bytes / head));
            return new Product(label, jar == null ? "main" : jar.getFileName().toString(), startup, saturation,
                    thinking, bytes, head, idle);
        } finally {
            node.close();
            if (!keep) {
                node.deleteData();
            }
        }
    }

    private static Double idleAfterLoad(ProductNode node) throws InterruptedException {
        Double idle = node.idleCpuMillisPerSecond(5);
        System.out.printf("  at rest after the load: CPU %s ms per second, RSS %s%n", number(idle, 1), mb(node.rssKb()));
        return idle;
    }

    private static ProductNode.Startup ready(ProductNode node, ProductNode.Startup startup) {
        System.out.printf("  ready: %.2f s from the process's start, %s from \"Tomcat started\"; at rest: RSS %s, CPU "
                        + "%s ms per second (background work, and the JIT compiling what the start ran); %s; log %s%n", startup.processToReadySeconds(),
                seconds(startup.tomcatToReadySeconds()), mb(startup.restRssKb()),
                number(startup.idleCpuMillisPerSecond(), 1),
                startup.startedLine() == null ? "" : startup.startedLine(), node.log());
        return startup;
    }

    /**
     * So many thinking respondents that they offer about 70 % of the answers per second measured with the most
     * respondents at saturation: each makes 8 requests (6 answers) per assessment, one per mean think time of 3 s plus
     * the time of an answer unloaded (the p50 with the fewest respondents).
     */
    private int thinkRespondents(List<Window<Snapshot>> saturation) {
        Window<Snapshot> most = saturation.get(saturation.size() - 1);
        double unloaded = saturation.get(0).answerMillis(0.5) / 1000;
        double perRespondent = RespondentLoad.ANSWERS_PER_ASSESSMENT
                / (double) RespondentLoad.REQUESTS_PER_ASSESSMENT
                / (RespondentLoad.MEAN_THINK_SECONDS + (Double.isNaN(unloaded) ? 0 : unloaded));
        int n = (int) Math.max(1, Math.round(0.7 * most.answersPerSecond() / perRespondent));
        System.out.printf("  think-time run: %d respondents offer about %.1f answers/s, 70 %% of the %.1f answers/s "
                + "measured with %d at saturation%n", n, n * perRespondent, most.answersPerSecond(), most.respondents());
        return n;
    }

    private Window<Snapshot> measure(ProductNode node, String what, int count, boolean thinking) throws Exception {
        System.out.printf("  %s, %d respondent(s): %d s warm-up, %d s measured …%n", what, count, warmup, seconds);
        Window<Snapshot> window = new RespondentLoad(node.base(), count, thinking).run(warmup, seconds, node::snapshot);
        window.errors().forEach((kind, n) -> failures.merge(node.label() + ", " + count + " respondents: " + kind, n,
                Integer::sum));
        Costs costs = Costs.of(window);
        System.out.printf("    %,.1f answers/s, answer p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,.1f completions/s, "
                        + "%,.1f starts/s%n", window.answersPerSecond(), window.answerMillis(0.5),
                window.answerMillis(0.99), window.maxAnswerMillis(), window.completionsPerSecond(),
                window.startsPerSecond());
        System.out.printf("    events/s: %,.1f counted by the client (starts + answers + completions), %s by the event "
                + "store's head (%s → %s)%n", window.clientEventsPerSecond(), perSecond(costs.storeEventsPerSecond),
                text(window.before().head()), text(window.after().head()));
        System.out.printf("    the child's CPU time by thread: %s%n", ProductNode.threadShares(window.before(),
                window.after(), node.javaThreadNames()));
        System.out.printf("    child CPU %s ms per answer; commits (all of them in the window, per answer): %s, %s ms "
                        + "until on disk (CPU %s ms, %s of the child's CPU); RSS %s at the end; load %s → %s; window "
                        + "edges read in %.0f / %.0f ms%n", number(costs.cpuMsPerAnswer, 2),
                number(costs.commitsPerAnswer, 2), number(costs.commitMsPerAnswer, 2),
                number(costs.commitCpuMsPerAnswer, 3), percent(costs.commitCpuShare), mb(window.after().rssKb()),
                window.loadBefore(), window.loadAfter(), window.edgeMillisBefore(), window.edgeMillisAfter());
        if (!window.errors().isEmpty()) {
            System.out.printf("    NOT 2xx in the measured window: %s%n", window.errors());
        }
        if (!window.warmupErrors().isEmpty()) {
            System.out.printf("    not 2xx during the warm-up (not measured): %s%n", window.warmupErrors());
        }
        return window;
    }

    /** What one window cost the child, from its snapshots at the window's edges; null where unknown. */
    private record Costs(Double cpuMsPerAnswer, Double commitsPerAnswer, Double commitMsPerAnswer,
                         Double commitCpuMsPerAnswer, Double commitCpuShare, Double storeEventsPerSecond) {

        static Costs of(Window<Snapshot> window) {
            Snapshot before = window.before();
            Snapshot after = window.after();
            double answers = Math.max(1, window.answers());
            Double cpu = delta(before, after, Snapshot::cpuNanos);
            Double commits = delta(before, after, s -> s.commits() == null ? null : s.commits().doubleValue());
            Double commitSeconds = delta(before, after, Snapshot::commitSeconds);
            Double commitCpuSeconds = delta(before, after, Snapshot::commitCpuSeconds);
            Double head = delta(before, after, Snapshot::head);
            return new Costs(cpu == null ? null : cpu / 1e6 / answers,
                    commits == null ? null : commits / answers,
                    commitSeconds == null ? null : commitSeconds * 1000 / answers,
                    commitCpuSeconds == null ? null : commitCpuSeconds * 1000 / answers,
                    commitCpuSeconds == null || cpu == null || cpu == 0 ? null : commitCpuSeconds * 1e9 / cpu,
                    head == null ? null : head / window.seconds());
        }

        private static Double delta(Snapshot before, Snapshot after, Function<Snapshot, ? extends Number> value) {
            Number from = value.apply(before);
            Number to = value.apply(after);
            return from == null || to == null ? null : to.doubleValue() - from.doubleValue();
        }
    }

    // ----- (c) a store that holds history --------------------------------------------------------------------

    private record Filled(StoreFiller.Filled fill, long bytesAfterFill, ProductNode.Startup startup,
                          List<Window<Snapshot>> windows, Double idleAfterLoad) {
    }

    private Filled filled(Product main) throws Exception {
        System.out.printf("%n(c) the product on a store that holds %,d events%n", events);
        ProductNode node = new ProductNode("history", null, childJvm);
        try {
            System.out.printf("  filling %s: the product in this JVM appends assessment histories to its own event "
                    + "store, in batches of %,d events from %d threads …%n", node.dataDirectory(), fillBatch,
                    fillThreads);
            StoreFiller.Filled fill = new StoreFiller(node.dataDirectory(), events, fillBatch, fillThreads).fill();
            long bytes = node.dataFileBytes();
            System.out.printf("  filled: %,d events (%,d assessments) in %.1f s: application start %.1f s, appends "
                            + "%.1f s (%,.0f events/s), projections caught up %.1f s later, closed in %.1f s; data "
                            + "file %s (%,d bytes per event)%n", fill.events(), fill.assessments(),
                    fill.startSeconds() + fill.appendSeconds() + fill.catchUpSeconds() + fill.closeSeconds(),
                    fill.startSeconds(), fill.appendSeconds(), fill.events() / fill.appendSeconds(),
                    fill.catchUpSeconds(), fill.closeSeconds(), megabytes(bytes),
                    bytes / Math.max(1, fill.events()));
            ProductNode.Startup startup = ready(node, node.start(Duration.ofMinutes(30)));
            // the same sequence as on the fresh store, so that the JIT has had as much time before each window
            List<Window<Snapshot>> windows = new ArrayList<>();
            for (int i = 0; i < respondents.size(); i++) {
                Window<Snapshot> window = measure(node, "history, saturation", respondents.get(i), false);
                windows.add(window);
                Window<Snapshot> fresh = main.saturation.get(i);
                System.out.printf("    p99 of an answer with %d respondent(s): %.1f ms with %,d events, %.1f ms on the "
                                + "fresh store: %.2f×%n", window.respondents(), window.answerMillis(0.99),
                        fill.events(), fresh.answerMillis(0.99), window.answerMillis(0.99) / fresh.answerMillis(0.99));
            }
            return new Filled(fill, bytes, startup, windows, idleAfterLoad(node));
        } finally {
            node.close();
            if (!keep) {
                node.deleteData();
            }
        }
    }

    // ----- the summary ---------------------------------------------------------------------------------------

    private void table(Map<Integer, RawCeiling.Figures> raw, Product main, Product baseline, Product again,
                       Filled filled, String loadBefore, String loadAfter) {
        markdown.add(String.format("Measured %s on %d cores, Java %s, load average (1 min) %s before and %s after the "
                        + "run; the product's JVM %s; %d s warm-up and %d s measured per row.",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadBefore, loadAfter, String.join(" ", childJvm), warmup, seconds));
        markdown.add("");
        markdown.add("| Run | Writers / respondents | Per second | ÷ raw inserts/s | p50 / p99 / max (ms) | Completions/s "
                + "| Events/s (client / store) | CPU ms per answer | Commit ms per answer (share of the CPU) | Commits "
                + "per answer | RSS at end | Load (1 min) | Not 2xx |");
        markdown.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        raw.forEach((threads, f) -> markdown.add(String.format("| Raw durable insert, %d bytes (embedded database, "
                        + "this JVM) | %d | %,.0f inserts | – | %.2f / %.2f / – | – | – | %s per insert | %.3f (%s) | %.2f "
                        + "| – | – | 0 |", rawDocumentBytes, threads, f.insertsPerSecond(), f.p50Millis(), f.p99Millis(),
                number(f.cpuMillisPerInsert(), 3), f.commitMillisPerInsert(), f.cpuMillisPerInsert() == null ? "n/a"
                        : percent(f.commitCpuMillisPerInsert() / f.cpuMillisPerInsert()),
                f.commits() / (double) Math.max(1, f.inserts()))));
        rows(main, raw, "Product");
        if (baseline != null) {
            rows(baseline, raw, "Baseline " + baseline.jar);
            rows(again, raw, "Product again, after the baseline");
        }
        if (filled != null) {
            for (Window<Snapshot> window : filled.windows) {
                markdown.add(row(String.format("Product, saturation, store of %,d events", filled.fill.events()),
                        window, raw.get(window.respondents())));
            }
        }
        markdown.add("");
        markdown.add("| Store at start | Process start → ready | \"Tomcat started\" → ready | RSS at rest | CPU at rest: "
                + "after the start / after the load | Data file | Bytes per event |");
        markdown.add("|---|---|---|---|---|---|---|");
        markdown.add(String.format("| Fresh (product) | %.1f s | %s | %s | %s / %s ms/s | %s after the runs (%s events) "
                        + "| %s |", main.startup.processToReadySeconds(), seconds(main.startup.tomcatToReadySeconds()),
                mb(main.startup.restRssKb()), number(main.startup.idleCpuMillisPerSecond(), 0),
                number(main.idleAfterLoad, 0),
                megabytes(main.dataFileBytes), text(main.head),
                main.head == null || main.head == 0 ? "?" : String.format("%,d", main.dataFileBytes / main.head)));
        if (baseline != null) {
            markdown.add(String.format("| Fresh (baseline %s) | %.1f s | %s | %s | %s / %s ms/s | %s after the runs (%s "
                            + "events) | %s |", baseline.jar, baseline.startup.processToReadySeconds(),
                    seconds(baseline.startup.tomcatToReadySeconds()), mb(baseline.startup.restRssKb()),
                    number(baseline.startup.idleCpuMillisPerSecond(), 0), number(baseline.idleAfterLoad, 0),
                    megabytes(baseline.dataFileBytes), text(baseline.head), baseline.head == null
                            || baseline.head == 0 ? "?" : String.format("%,d", baseline.dataFileBytes / baseline.head)));
        }
        if (filled != null) {
            markdown.add(String.format("| %,d events (filled in %.0f s by the product's own event store in the "
                            + "benchmark's JVM) | %.1f s | %s | %s | %s / %s ms/s | %s | %,d |", filled.fill.events(),
                    filled.fill.startSeconds() + filled.fill.appendSeconds() + filled.fill.catchUpSeconds()
                            + filled.fill.closeSeconds(), filled.startup.processToReadySeconds(),
                    seconds(filled.startup.tomcatToReadySeconds()), mb(filled.startup.restRssKb()),
                    number(filled.startup.idleCpuMillisPerSecond(), 0), number(filled.idleAfterLoad, 0),
                    megabytes(filled.bytesAfterFill), filled.bytesAfterFill / Math.max(1, filled.fill.events())));
            markdown.add("");
            for (int k = 0; k < Math.min(filled.windows.size(), main.saturation.size()); k++) {
                Window<Snapshot> window = filled.windows.get(k);
                Window<Snapshot> fresh = main.saturation.get(k);
                markdown.add(String.format("p99 of an answer with %d respondent(s) at %,d events: %.1f ms, %.2f× the "
                                + "%.1f ms on the fresh store.", window.respondents(), filled.fill.events(),
                        window.answerMillis(0.99), window.answerMillis(0.99) / fresh.answerMillis(0.99),
                        fresh.answerMillis(0.99)));
            }
        }
        if (baseline != null) {
            markdown.add("");
            markdown.add("| Run | Respondents | Answers/s: product before / after the baseline, baseline (mean ÷ "
                    + "baseline) | The product's two runs apart | p99 (ms): product before / after, baseline | CPU ms "
                    + "per answer: product before / after, baseline |");
            markdown.add("|---|---|---|---|---|---|");
            List<Window<Snapshot>> first = new ArrayList<>(main.saturation);
            List<Window<Snapshot>> second = new ArrayList<>(again.saturation);
            List<Window<Snapshot>> theirs = new ArrayList<>(baseline.saturation);
            if (main.think != null && baseline.think != null && again.think != null) {
                first.add(main.think);
                second.add(again.think);
                theirs.add(baseline.think);
            }
            for (int i = 0; i < Math.min(Math.min(first.size(), second.size()), theirs.size()); i++) {
                Window<Snapshot> a = first.get(i);
                Window<Snapshot> a2 = second.get(i);
                Window<Snapshot> b = theirs.get(i);
                double mean = (a.answersPerSecond() + a2.answersPerSecond()) / 2;
                markdown.add(String.format("| %s | %d | %,.1f / %,.1f, %,.1f (%.2f) | %.0f %% | %.1f / %.1f, %.1f | "
                                + "%s / %s, %s |",
                        a.think() ? "think time 1–5 s" : "saturation", a.respondents(), a.answersPerSecond(),
                        a2.answersPerSecond(), b.answersPerSecond(), mean / b.answersPerSecond(),
                        100 * Math.abs(a.answersPerSecond() - a2.answersPerSecond()) / mean, a.answerMillis(0.99),
                        a2.answerMillis(0.99), b.answerMillis(0.99), number(Costs.of(a).cpuMsPerAnswer, 2),
                        number(Costs.of(a2).cpuMsPerAnswer, 2), number(Costs.of(b).cpuMsPerAnswer, 2)));
            }
            markdown.add("");
            markdown.add("A ratio moved less than the product's two runs are apart says nothing about the code: the "
                    + "machine moves a figure that far by itself.");
        }
    }

    private void rows(Product product, Map<Integer, RawCeiling.Figures> raw, String label) {
        for (Window<Snapshot> window : product.saturation) {
            markdown.add(row(label + ", saturation, fresh store", window, raw.get(window.respondents())));
        }
        if (product.think != null) {
            markdown.add(row(label + ", think time 1–5 s (70 % of saturation)", product.think, null));
        }
    }

    private static String row(String label, Window<Snapshot> window, RawCeiling.Figures raw) {
        Costs costs = Costs.of(window);
        return String.format("| %s | %d | %,.1f answers | %s | %.1f / %.1f / %.1f | %,.1f | %,.1f / %s | %s | %s (%s) "
                        + "| %s | %s | %s → %s | %d |", label, window.respondents(), window.answersPerSecond(),
                raw == null ? "–" : String.format("%.3f", window.answersPerSecond() / raw.insertsPerSecond()),
                window.answerMillis(0.5), window.answerMillis(0.99), window.maxAnswerMillis(),
                window.completionsPerSecond(), window.clientEventsPerSecond(), number(costs.storeEventsPerSecond, 1),
                number(costs.cpuMsPerAnswer, 2), number(costs.commitMsPerAnswer, 2), percent(costs.commitCpuShare),
                number(costs.commitsPerAnswer, 2), mb(window.after().rssKb()), window.loadBefore(), window.loadAfter(),
                window.errorCount());
    }

    // ----- formatting ----------------------------------------------------------------------------------------

    private static String number(Double value, int decimals) {
        return value == null || value.isNaN() ? "n/a" : String.format("%,." + decimals + "f", value);
    }

    private static String perSecond(Double value) {
        return value == null ? "n/a" : String.format("%,.1f", value);
    }

    private static String percent(Double share) {
        return share == null || share.isNaN() ? "n/a" : String.format("%.0f %%", share * 100);
    }

    private static String seconds(Double value) {
        return value == null ? "n/a" : String.format("%.2f s", value);
    }

    private static String mb(Long kb) {
        return kb == null ? "n/a" : String.format("%,d MB", kb / 1024);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.1f MB", bytes / 1048576.0);
    }

    private static String text(Long value) {
        return value == null ? "n/a" : String.format("%,d", value);
    }

    /** The MongoDB driver's and Spring's messages of the in-JVM parts (raw ceiling, filling) are noise here. */
    private static void quietLogs() {
        for (String name : List.of("org.mongodb.driver", "de.bwaldvogel", "io.netty", "nl.klantspiegel",
                "org.axonframework", "org.springframework")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
