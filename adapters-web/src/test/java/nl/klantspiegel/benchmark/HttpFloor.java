package nl.klantspiegel.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The floor of one request through the product's web stack, with the same clients as the respondents: {@code GET
 * /api/instrument} in a loop without pause (Tomcat, every filter of the respondents' path, Spring MVC and Jackson,
 * about 3 KB of JSON built from the instrument in memory; no store). What an answer costs beyond it is the product's
 * own work.
 */
final class HttpFloor {

    /** The figures of one measured window; {@code cpuNanos} is the child's CPU time over it (null when unknown). */
    record Figures(int clients, double seconds, int requests, int errors, double p50Millis, double p99Millis,
                   Long cpuNanos) {

        double perSecond() {
            return requests / seconds;
        }

        Double cpuMsPerRequest() {
            return cpuNanos == null || requests == 0 ? null : cpuNanos / 1e6 / requests;
        }
    }

    private final String base;
    private final int clients;

    HttpFloor(String base, int clients) {
        this.base = base;
        this.clients = clients;
    }

    Figures run(int warmupSeconds, int seconds, Supplier<Long> cpuNanos) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger errors = new AtomicInteger();
        List<List<Long>> tallies = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/instrument?lang=nl"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        for (int c = 0; c < clients; c++) {
            List<Long> tally = new ArrayList<>();
            tallies.add(tally);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            threads.execute(() -> {
                while (!stop.get()) {
                    long started = System.nanoTime();
                    boolean counted = measuring.get();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                        if (counted && measuring.get()) {
                            if (status == 200) {
                                tally.add(System.nanoTime() - started);
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    } catch (Exception failed) {
                        if (counted && measuring.get() && !stop.get()) {
                            errors.incrementAndGet();
                        }
                    }
                }
            });
        }
        Thread.sleep(warmupSeconds * 1000L);
        Long cpuBefore = cpuNanos.get();
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Long cpuAfter = cpuNanos.get();
        stop.set(true);
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        long[] all = tallies.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        return new Figures(clients, elapsed, all.length, errors.get(), percentile(all, 0.5), percentile(all, 0.99),
                cpuBefore == null || cpuAfter == null ? null : cpuAfter - cpuBefore);
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }
}
