package nl.klantspiegel.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Several nodes of the packaged application ({@code klantspiegel-exec.jar}) as child processes on one database, behind a
 * real HAProxy: the first node serves its embedded database on a loopback port, the others use it by
 * {@code spring.data.mongodb.uri}. Logs go to {@code target/it-logs} (or {@code klantspiegel.it-logs}): one file per
 * start of a node ({@code <prefix>-b-2.log} is the second start of node b) and {@code <prefix>-haproxy.log} (one line per
 * request: server, status, termination state; and every change of a server's state). The balancer's generated
 * configuration is {@code <work>/haproxy.cfg}.
 *
 * <p>The balancer: {@code balance roundrobin}, no stickiness, a health check on {@code /actuator/health/readiness}
 * every 500 ms (down after 2 failures, up after 2 successes), and a refused connection retried on another node
 * ({@code retries 3}, {@code option redispatch 1}); a request that reached a node is never sent again (HAProxy's
 * default {@code retry-on conn-failure}: a node that dies while answering answers {@code 502} from the balancer).
 * Every answer carries the node that served it in {@code X-Klantspiegel-Node}.
 */
public final class LocalCluster implements AutoCloseable {

    public static final String NODE_HEADER = "X-Klantspiegel-Node";
    public static final String OPERATOR_EMAIL = Organisations.OPERATOR_EMAIL;
    public static final String OPERATOR_PASSWORD = Organisations.OPERATOR_PASSWORD;

    private final String prefix;
    private final Path application;
    private final Path work;
    private final Path logs;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final int databasePort = freePort();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final int balancerPort = freePort();
    private final int statsPort = freePort();
    private Process balancer;
    private String balancerCheck = "/actuator/health/readiness";

    /**
     * @param prefix     names the logs and the working directory
     * @param jvmOptions for every node's JVM
     * @param arguments  for every node (after its port, data directory and database)
     */
    public LocalCluster(String prefix, List<String> jvmOptions, List<String> arguments) {
        this(prefix, null, jvmOptions, arguments);
    }

    /**
     * @param application the runnable jar every node runs (another build of the product, e.g. an older commit's for
     *                    the product benchmark's baseline); {@code null}: {@link #jar()}
     */
    public LocalCluster(String prefix, Path application, List<String> jvmOptions, List<String> arguments) {
        this.prefix = prefix;
        this.application = application;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        try {
            this.work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                    prefix + "-");
            this.logs = Files.createDirectories(Path.of(System.getProperty("klantspiegel.it-logs", "target/it-logs"))
                    .toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, prefix + "-cleanup"));
    }

    /** One node: its name, HTTP port, data directory, and the process of its current start. */
    public final class Node {
        private final String name;
        private final int port = freePort();
        private final Path dataDirectory;
        private final List<String> arguments;
        private volatile Process process;
        private int starts;

        private Node(String name, List<String> arguments) {
            this.name = name;
            this.dataDirectory = work.resolve("node-" + name);
            this.arguments = List.copyOf(arguments);
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public boolean alive() {
            Process current = process;
            return current != null && current.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        /** Where the node keeps its embedded database (if it has one); known before its first start. */
        public Path dataDirectory() {
            return dataDirectory;
        }

        /** The log of this node's current (latest) start. */
        public Path log() {
            return logs.resolve(prefix + "-" + name + (starts > 1 ? "-" + starts : "") + ".log");
        }

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The first node: it serves its embedded database on a loopback port for the others. */
    public Node startDatabaseNode(String name, List<String> extra) {
        List<String> own = new ArrayList<>(List.of("--klantspiegel.embedded-mongo.port=" + databasePort,
                "--klantspiegel.cluster=true"));
        own.addAll(extra);
        return start(add(name, own));
    }

    /** A node on the database node's database. */
    public Node startNode(String name, List<String> extra) {
        List<String> own = new ArrayList<>(List.of("--spring.data.mongodb.uri=" + databaseUri(),
                "--klantspiegel.cluster=true"));
        own.addAll(extra);
        return start(add(name, own));
    }

    /**
     * A node as the product starts by default, not started yet: its own embedded database in its data directory,
     * reachable from its own process only (no port, not a cluster). Start it with {@link #start(Node)}.
     */
    public Node standaloneNode(String name, List<String> extra) {
        return add(name, new ArrayList<>(extra));
    }

    public String databaseUri() {
        // journal=true: the database node answers a write only once it is on its disk, so a node acknowledges nothing
        // that a crash of the database node could lose
        return "mongodb://127.0.0.1:" + databasePort + "/klantspiegel?journal=true";
    }

    public int databasePort() {
        return databasePort;
    }

    private Node add(String name, List<String> own) {
        Node node = new Node(name, own);
        nodes.put(name, node);
        return node;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    /** Starts the node (again), with the same arguments and data directory; returns at once. */
    public synchronized Node start(Node node) {
        if (node.alive()) {
            throw new IllegalStateException("node " + node + " is running");
        }
        node.starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", (application == null ? jar() : application).toString(),
                "--server.port=" + node.port,
                "--klantspiegel.data-dir=" + node.dataDirectory,
                // the address people use, as behind any balancer: links (invitations, activations) name it
                "--klantspiegel.public-url=" + publicUrl()));
        command.addAll(node.arguments);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(node.log().toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            node.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    /** SIGKILL: the node gets no chance to finish anything. Returns once the process is gone. */
    public void kill(Node node) throws InterruptedException {
        node.process.destroyForcibly().waitFor();
    }

    /** Whether the node answers its readiness probe with 200 UP. */
    public boolean ready(Node node) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the node is ready; false when it is not within {@code limit} or its process ended. */
    public boolean awaitReady(Node node, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.alive()) {
                return false;
            }
            if (ready(node)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** The path of the balancer's health check (before {@link #startBalancer()}); readiness unless changed. */
    public LocalCluster balancerCheck(String path) {
        this.balancerCheck = path;
        return this;
    }

    /** Starts HAProxy in front of every node added so far. */
    public void startBalancer() {
        StringBuilder servers = new StringBuilder();
        for (Node node : nodes.values()) {
            servers.append("    server ").append(node.name).append(" 127.0.0.1:").append(node.port).append('\n');
        }
        String configuration = """
                # generated by LocalCluster for a test: %s
                global
                    log stdout format raw local0 info
                    maxconn 4000

                defaults
                    mode http
                    log global
                    option httplog
                    option dontlognull
                    timeout connect 1s
                    timeout client 60s
                    timeout server 30s
                    timeout http-keep-alive 10s
                    timeout check 2s
                    # a refused connection (a node that is down and not yet marked so) is tried again, on another node;
                    # a request that reached a node is never sent twice (retry-on stays at its default, conn-failure)
                    retries 3
                    option redispatch 1

                frontend klantspiegel
                    bind 127.0.0.1:%d
                    default_backend nodes

                backend nodes
                    balance roundrobin
                    # no stickiness: no cookie, no hash; every request goes to the next node that is up
                    option httpchk GET %s
                    http-check expect status 200
                    default-server check inter 500ms fastinter 250ms downinter 500ms rise 2 fall 2
                    http-after-response set-header %s %%[srv_name]
                %s
                frontend stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(prefix, balancerPort, balancerCheck, NODE_HEADER, servers, statsPort);
        Path file = work.resolve("haproxy.cfg");
        try {
            Files.writeString(file, configuration);
            Path log = logs.resolve(prefix + "-haproxy.log");
            balancer = new ProcessBuilder(haproxy().toString(), "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!listening(balancerPort)) {
                if (!balancer.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("HAProxy did not start; see " + log + ":\n"
                            + Files.readString(log));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The balancer's address (chosen before any node starts, so the nodes can name it in links). */
    public String publicUrl() {
        return "http://localhost:" + balancerPort;
    }

    public int balancerPort() {
        return balancerPort;
    }

    public Path configuration() {
        return work.resolve("haproxy.cfg");
    }

    /** What the balancer thinks of each node now: UP, DOWN, "UP 1/2" (going up), … from its statistics page. */
    public Map<String, String> balancerView() {
        Map<String, String> view = new LinkedHashMap<>();
        try {
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            List<String> lines = stats.body().lines().toList();
            List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
            int proxy = header.indexOf("pxname");
            int server = header.indexOf("svname");
            int status = header.indexOf("status");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells.length > status && cells[proxy].equals("nodes") && nodes.containsKey(cells[server])) {
                    view.put(cells[server], cells[status]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return view;
    }

    /**
     * Waits until the balancer holds the node for {@code state}: "UP" (it sends it traffic: the health check passed
     * twice) or "DOWN"; false after {@code limit}. (HAProxy counts a node as up from its own start until the checks
     * fail, so wait for "DOWN" before sending traffic when a node is not ready.)
     */
    public boolean awaitBalancerState(Node node, String state, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.equals(balancerView().get(node.name))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The HAProxy executable (Debian: {@code apt-get install haproxy}); fails with that advice when missing. */
    public static Path haproxy() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry, "haproxy")));
        Optional<Path> found = candidates.filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("HAProxy is needed for the multi-node test and is "
                + "not installed: apt-get install haproxy (Debian's 2.6), or put `haproxy` on the PATH"));
    }

    /** The packaged application: system property {@code klantspiegel.jar} (set by the failsafe configuration). */
    public static Path jar() {
        String jar = System.getProperty("klantspiegel.jar", "");
        if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property klantspiegel.jar must name the packaged application "
                    + "(klantspiegel-exec.jar; build it with `./mvnw -pl adapters-web -am -DskipTests package`): '"
                    + jar + "'");
        }
        return Path.of(jar);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the balancer and every node (SIGKILL: their data is thrown away with the working directory's use). */
    @Override
    public synchronized void close() {
        if (balancer != null) {
            balancer.destroyForcibly();
        }
        for (Node node : nodes.values()) {
            if (node.process != null) {
                node.process.destroyForcibly();
            }
        }
    }
}
