package nl.klantspiegel.benchmark;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Respondents over real HTTP, each in its own thread, in a loop: start ({@code POST /api/assessments}), six answers
 * ({@code PUT …/answers/{1..6}}), completion ({@code POST …/completion}); with no think time (saturation) or waiting
 * uniformly 1–5 s before every request. A warm-up, then a measured window: what completes inside the window is
 * counted. Any answer that is not 2xx (or no answer at all) is counted by its status, separately for the warm-up and
 * the window. The client asks only what a respondent's browser asks, and reads only the id from the answers, so an
 * older build of the product with the same respondent endpoints can be driven as well.
 */
final class RespondentLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int THINK_MIN_MS = 1_000;
    private static final int THINK_MAX_MS = 5_000;
    /** Mean of the think time, for the offered load of a think-time run. */
    static final double MEAN_THINK_SECONDS = (THINK_MIN_MS + THINK_MAX_MS) / 2000.0;
    /** Requests of one assessment: start, six answers, completion. */
    static final int REQUESTS_PER_ASSESSMENT = 8;
    static final int ANSWERS_PER_ASSESSMENT = 6;

    private final String base;
    private final int respondents;
    private final boolean think;

    RespondentLoad(String base, int respondents, boolean think) {
        this.base = base;
        this.respondents = respondents;
        this.think = think;
    }

    /** The figures of one measured window. */
    record Window<T>(int respondents, boolean think, double seconds, int starts, int answers, int completions,
                     long[] answerNanos, long[] startNanos, long[] completionNanos, Map<String, Integer> errors,
                     Map<String, Integer> warmupErrors, String completedId, String loadBefore, String loadAfter,
                     T before, T after, double edgeMillisBefore, double edgeMillisAfter) {

        double answersPerSecond() {
            return answers / seconds;
        }

        double completionsPerSecond() {
            return completions / seconds;
        }

        double startsPerSecond() {
            return starts / seconds;
        }

        /** One event per start, per (new) answer and per completion. */
        double clientEventsPerSecond() {
            return (starts + answers + completions) / seconds;
        }

        int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }

        double answerMillis(double fraction) {
            return percentile(answerNanos, fraction);
        }

        double maxAnswerMillis() {
            return answerNanos.length == 0 ? Double.NaN : answerNanos[answerNanos.length - 1] / 1e6;
        }
    }

    /**
     * Runs the respondents for {@code warmupSeconds}, then measures {@code seconds}; returns when all have stopped.
     * {@code edge} is read right after the window opens and right after it closes, the same way both times, so what it
     * reads (the node's CPU time, its event count) covers an interval as long as the window, only later by the time the
     * reading takes (which is returned too).
     */
    <T> Window<T> run(int warmupSeconds, int seconds, Supplier<T> edge) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Tally> tallies = new ArrayList<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(respondents, runnable -> {
            Thread thread = new Thread(runnable, "respondent-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient[] clients = new HttpClient[Math.min(respondents, 50)];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        for (int r = 0; r < respondents; r++) {
            Tally tally = new Tally();
            tallies.add(tally);
            HttpClient http = clients[r % clients.length];
            long seed = r;
            threads.execute(() -> respondent(http, new Random(seed), tally, measuring, stop));
        }
        Thread.sleep(warmupSeconds * 1000L);
        String loadBefore = ProductNode.loadAverage();
        long started = System.nanoTime();
        measuring.set(true);
        T before = edge.get();
        double edgeBefore = (System.nanoTime() - started) / 1e6;
        Thread.sleep(Math.max(0, seconds * 1000L - Math.round(edgeBefore)));
        long ended = System.nanoTime();
        measuring.set(false);
        double elapsed = (ended - started) / 1e9;
        T after = edge.get();
        double edgeAfter = (System.nanoTime() - ended) / 1e6;
        String loadAfter = ProductNode.loadAverage();
        stop.set(true);
        threads.shutdownNow(); // wakes the thinking ones; what ends now is no longer counted
        if (!threads.awaitTermination(2, TimeUnit.MINUTES)) {
            System.out.println("  NOTE: some respondents did not stop within 2 minutes");
        }
        int starts = 0;
        int answers = 0;
        int completions = 0;
        List<long[]> answerParts = new ArrayList<>();
        List<long[]> startParts = new ArrayList<>();
        List<long[]> completionParts = new ArrayList<>();
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Integer> warmupErrors = new TreeMap<>();
        String completedId = null;
        for (Tally tally : tallies) {
            synchronized (tally) {
                starts += tally.starts;
                answers += tally.answers;
                completions += tally.completions;
                answerParts.add(Arrays.copyOf(tally.answerNanos, tally.answers));
                startParts.add(Arrays.copyOf(tally.startNanos, tally.starts));
                completionParts.add(Arrays.copyOf(tally.completionNanos, tally.completions));
                tally.errors.forEach((status, count) -> errors.merge(status, count, Integer::sum));
                tally.warmupErrors.forEach((status, count) -> warmupErrors.merge(status, count, Integer::sum));
                if (tally.completedId != null) {
                    completedId = tally.completedId;
                }
            }
        }
        return new Window<>(respondents, think, elapsed, starts, answers, completions, sorted(answerParts),
                sorted(startParts), sorted(completionParts), errors, warmupErrors, completedId, loadBefore, loadAfter,
                before, after, edgeBefore, edgeAfter);
    }

    private void respondent(HttpClient http, Random random, Tally tally, AtomicBoolean measuring, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                thinkTime();
                Answer started = send(http, "POST", base + "/api/assessments", "{\"language\":\"nl\"}");
                tally.start(started, measuring.get());
                String id = started.ok() ? id(started) : null;
                if (id == null) {
                    if (started.ok()) {
                        tally.error("2xx without an id", measuring.get());
                    }
                    Thread.sleep(100); // a node that refuses everything is not asked in a tight loop
                    continue;
                }
                String assessment = base + "/api/assessments/" + id;
                boolean answeredAll = true;
                for (int question = 1; question <= ANSWERS_PER_ASSESSMENT && !stop.get(); question++) {
                    thinkTime();
                    Answer answered = send(http, "PUT", assessment + "/answers/" + question,
                            "{\"option\":\"" + "abc".charAt(random.nextInt(3)) + "\"}");
                    tally.answer(answered, measuring.get());
                    answeredAll &= answered.ok();
                }
                if (!answeredAll || stop.get()) {
                    continue;
                }
                thinkTime();
                Answer completed = send(http, "POST", assessment + "/completion", null);
                tally.completion(completed, id, measuring.get());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void thinkTime() throws InterruptedException {
        if (think) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(THINK_MIN_MS, THINK_MAX_MS + 1));
        }
    }

    private static String id(Answer answer) {
        Matcher id = ID.matcher(answer.body);
        if (id.find()) {
            return id.group(1);
        }
        return answer.location == null ? null : answer.location.substring(answer.location.lastIndexOf('/') + 1);
    }

    /** One request's outcome: its status (-1: no answer), how long it took, its body and Location header. */
    private record Answer(int status, long nanos, String body, String location) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static Answer send(HttpClient http, String method, String uri, String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), System.nanoTime() - begin, response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException failed) {
            return new Answer(-1, System.nanoTime() - begin, failed.getClass().getSimpleName(), null);
        }
    }

    /** One respondent's counts; written by its thread, read once it has ended. */
    private static final class Tally {
        private int starts;
        private int answers;
        private int completions;
        private long[] answerNanos = new long[1024];
        private long[] startNanos = new long[256];
        private long[] completionNanos = new long[256];
        private final Map<String, Integer> errors = new TreeMap<>();
        private final Map<String, Integer> warmupErrors = new TreeMap<>();
        private String completedId;

        synchronized void start(Answer answer, boolean measured) {
            if (!answer.ok()) {
                failed(answer, "start", measured);
            } else if (measured) {
                startNanos = add(startNanos, starts++, answer.nanos);
            }
        }

        synchronized void answer(Answer answer, boolean measured) {
            if (!answer.ok()) {
                failed(answer, "answer", measured);
            } else if (measured) {
                answerNanos = add(answerNanos, answers++, answer.nanos);
            }
        }

        synchronized void completion(Answer answer, String id, boolean measured) {
            if (!answer.ok()) {
                failed(answer, "completion", measured);
            } else {
                completedId = id;
                if (measured) {
                    completionNanos = add(completionNanos, completions++, answer.nanos);
                }
            }
        }

        synchronized void error(String what, boolean measured) {
            (measured ? errors : warmupErrors).merge(what, 1, Integer::sum);
        }

        private void failed(Answer answer, String request, boolean measured) {
            String what = request + " " + (answer.status < 0 ? "no answer (" + answer.body + ")" : answer.status);
            error(what, measured);
        }

        private static long[] add(long[] values, int at, long value) {
            long[] into = at < values.length ? values : Arrays.copyOf(values, values.length * 2);
            into[at] = value;
            return into;
        }
    }

    private static long[] sorted(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1))] / 1e6;
    }
}
