package nl.klantspiegel.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.assessment.CompleteAssessmentCommand;
import nl.klantspiegel.application.assessment.GiveAnswerCommand;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.application.organisation.AddMemberCommand;
import nl.klantspiegel.application.organisation.AddTeamCommand;
import nl.klantspiegel.application.organisation.AdmitRespondentCommand;
import nl.klantspiegel.application.organisation.CloseRoundCommand;
import nl.klantspiegel.application.organisation.OpenRoundCommand;
import nl.klantspiegel.application.organisation.RegisterOrganisationCommand;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.boot.KlantspiegelApplication;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * How fast the reports stay with an organisation's history of 200,000 events, on the embedded database (H2 file)
 * behind the real application. Prints, does not assert:
 * <ol>
 *     <li>the latency (p50/p95/p99/max) of every report endpoint over real HTTP, signed in with an API token:
 *     (a) in the steady state (the organisation's computed basis kept), (b) the first request after one more
 *     completion (the basis computed again), with a breakdown of that recomputation measured inside;</li>
 *     <li>rebuilding the {@code reports} projection from the first event ({@code resetTokens()}), in events/s, next
 *     to the raw {@code _id $in} fetch rate of the same event store and to Axon's own stream without a handler,
 *     measured in the same run.</li>
 * </ol>
 * The organisation is made like the demo ({@code DemoOrganisation}): registered, an admin and a team lead, four teams
 * (the fourth small, 2 to 6 respondents per round, so the anonymity floor hides it), minimum group size 5, rounds
 * over two years (monthly by default: the demo's quarterly rounds cannot hold 200,000 events with realistic team
 * sizes). Everything of the organisation goes through the real commands, and so do the small team's respondents and
 * a few of every other team per round; the bulk of the big teams' assessments is made by the domain
 * ({@link Assessment}, as the aggregate would) and appended straight to Axon's event store in large batches (one
 * unit of work each) as the aggregate's domain events, because commands run at only ~150–350 appends/s here.
 * <p>
 * Run: {@code ./mvnw -o -pl adapters-web -am -Pbenchmark -DskipTests verify} (see adapters-web/pom.xml). Options
 * (system properties): {@code benchmark.events} (default 200000), {@code benchmark.dir} (default a fresh directory
 * under {@code target}), {@code benchmark.rounds} (default 24, one a month over two years), {@code
 * benchmark.requests} (timed requests per endpoint, default 200), {@code benchmark.warmup} (default 20), {@code
 * benchmark.changes} (first requests after a change, per endpoint, default 5), {@code benchmark.batch} (events per
 * bulk append, default 2000).
 */
public final class ReportBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String NAME = "Benchmark: Zorgverzekeraar Zuid";
    private static final List<String> TEAMS = List.of("Klantenservice", "Verkoop", "Buitendienst",
            "Klachtenbemiddeling");
    private static final double[][] TEAM_GROWTH = {{0.35, 0.035}, {0.25, 0.02}, {0.45, 0.01}, {0.3, 0.03}};
    private static final int SMALL_TEAM = 3;
    private static final String ADMIN_EMAIL = "admin@benchmark.klantspiegel.nl";
    private static final String ADMIN_PASSWORD = "benchmark admin password 2026";
    private static final String LEAD_EMAIL = "teamleider@benchmark.klantspiegel.nl";
    private static final double EVENTS_PER_ASSESSMENT = 8.7; // 1 start, 6 answers, ~0.75 changed, ~0.95 completion

    private final int targetEvents = Integer.getInteger("benchmark.events", 200_000);
    private final int roundCount = Integer.getInteger("benchmark.rounds", 24);
    private final int requests = Integer.getInteger("benchmark.requests", 200);
    private final int warmup = Integer.getInteger("benchmark.warmup", 20);
    private final int changes = Integer.getInteger("benchmark.changes", 5);
    private final int batchEvents = Integer.getInteger("benchmark.batch", 2_000);
    private final int commandRespondents = Integer.getInteger("benchmark.command-respondents", 2);

    private ConfigurableApplicationContext context;
    private CommandGateway commands;
    private EventStore eventStore;
    private EventProcessingConfiguration processing;
    private MongoCollection<Document> events;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String base;
    private String bearer;

    private String organisation;
    private Actor admin;
    private final List<String> teams = new ArrayList<>();
    private final List<String> rounds = new ArrayList<>();
    private final Map<String, Integer> completedPerRound = new LinkedHashMap<>();
    private final Map<String, Integer> completedSmallTeamPerRound = new LinkedHashMap<>();
    private String aggregateType = "AssessmentAggregate";
    private final AtomicInteger commandAssessments = new AtomicInteger();
    private int appendedAssessments;
    private long appendedEvents;
    private double appendSeconds;
    private String sampleAppended;
    private int sampleAppendedTotal;
    private final List<String> summary = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            new ReportBenchmark().run();
        } catch (Throwable failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        long runStarted = System.nanoTime();
        String configured = System.getProperty("benchmark.dir", "");
        Path directory = Path.of(configured.isBlank() ? "target/report-benchmark-" + System.currentTimeMillis()
                : configured).toAbsolutePath();
        Files.createDirectories(directory);
        System.out.printf("Report benchmark: the application on the embedded database (H2 file) in %s%n", directory);
        System.out.printf("Machine: %d cores, max heap %d MB, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1 << 20), System.getProperty("java.version"));
        System.setProperty("disable-axoniq-console-message", "true");
        context = new SpringApplication(KlantspiegelApplication.class).run(
                "--klantspiegel.data-dir=" + directory,
                "--server.port=0",
                "--klantspiegel.demo=false",
                "--klantspiegel.operator.email=operator@benchmark.klantspiegel.nl",
                "--klantspiegel.operator.password=benchmark operator password 2026",
                "--logging.level.root=WARN",
                "--logging.level.nl.klantspiegel.benchmark=INFO");
        try {
            base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            commands = context.getBean(CommandGateway.class);
            eventStore = context.getBean(EventStore.class);
            processing = context.getBean(org.axonframework.config.Configuration.class).eventProcessingConfiguration();
            events = context.getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events");
            System.out.printf("started in %.1f s at %s%n", (System.nanoTime() - runStarted) / 1e9, base);

            long buildStarted = System.nanoTime();
            build();
            double built = (System.nanoTime() - buildStarted) / 1e9;
            long caughtUpStarted = System.nanoTime();
            awaitProjections(null, Duration.ofMinutes(40));
            double caughtUp = (System.nanoTime() - caughtUpStarted) / 1e9;
            long releaseStarted = System.nanoTime();
            int releases = context.getBean(nl.klantspiegel.application.port.in.ReleaseResultsUseCase.class)
                    .releaseDue(organisation, Instant.now());
            awaitProjections(null, Duration.ofMinutes(10));
            System.out.printf("released the history in %,d releases (a day at a time) in %.1f s%n", releases,
                    (System.nanoTime() - releaseStarted) / 1e9);
            long head = head();
            System.out.printf("built: %,d events (%,d assessments by commands, %,d appended in %,d events at %,.0f "
                            + "events/s) in %.0f s; every projection caught up %.0f s later%n", head,
                    commandAssessments.get(), appendedAssessments, appendedEvents, appendedEvents / appendSeconds,
                    built, caughtUp);
            summary.add(String.format("store: %,d events; organisation of %d teams (one small), %d rounds, %,d "
                            + "completed assessments; built in %.0f s (+%.0f s for the projections to catch up)",
                    head, TEAMS.size(), roundCount, completedPerRound.values().stream().mapToInt(i -> i).sum(),
                    built, caughtUp));

            signIn();
            verify();
            Map<String, String> endpoints = endpoints();
            steadyState(endpoints);
            afterChange(endpoints);
            breakdown();
            rebuild();
            export();
            rebuildWhileServing();

            summary.add(String.format("data file: %,d MB; whole run %.1f min", dataFileMegabytes(directory),
                    (System.nanoTime() - runStarted) / 60e9));
            System.out.println();
            System.out.println("==== summary ====");
            summary.forEach(System.out::println);
        } finally {
            context.close();
        }
    }

    // ----- building the organisation ---------------------------------------------------------------------

    private void build() throws Exception {
        Instant now = Instant.now();
        int spacing = Math.max(1, 24 / roundCount);
        LocalDate firstRound = LocalDate.ofInstant(now, ZONE).withDayOfMonth(1)
                .minusMonths((long) spacing * (roundCount - 1));
        Instant founded = firstRound.minusMonths(1).atStartOfDay(ZONE).toInstant();
        Actor operator = Actor.operator("benchmark");
        organisation = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterOrganisationCommand(organisation, NAME,
                Organisation.DEFAULT_MINIMUM_GROUP_SIZE, operator, founded));
        String adminId = activated(ADMIN_EMAIL, ADMIN_PASSWORD);
        commands.sendAndWait(new AddMemberCommand(organisation, adminId, Role.ADMIN, List.of(), operator,
                founded.plusSeconds(60)));
        admin = Actor.member(adminId);
        for (int t = 0; t < TEAMS.size(); t++) {
            String team = UUID.randomUUID().toString();
            commands.sendAndWait(new AddTeamCommand(organisation, team, TEAMS.get(t), admin,
                    founded.plusSeconds(120L + t)));
            teams.add(team);
        }
        String leadId = activated(LEAD_EMAIL, "benchmark team lead password");
        commands.sendAndWait(new AddMemberCommand(organisation, leadId, Role.TEAM_LEAD, List.of(teams.get(0)), admin,
                founded.plusSeconds(180)));

        ExecutorService workers = Executors.newFixedThreadPool(TEAMS.size());
        try {
            for (int r = 0; r < roundCount; r++) {
                round(r, firstRound.plusMonths((long) spacing * r), now, workers);
            }
        } finally {
            workers.shutdown();
        }
    }

    private void round(int index, LocalDate opens, Instant now, ExecutorService workers) throws Exception {
        Instant openedAt = opens.atTime(9, 0).atZone(ZONE).toInstant();
        boolean last = index == roundCount - 1;
        Instant closesAt = last ? Instant.now().plus(Duration.ofDays(30)) : openedAt.plus(Duration.ofDays(28));
        String round = UUID.randomUUID().toString();
        commands.sendAndWait(new OpenRoundCommand(organisation, round, "R" + (index + 1) + " " + opens, List.of(),
                null, closesAt, nl.klantspiegel.application.account.Secrets.newToken(18), admin, openedAt));
        rounds.add(round);
        long window = Math.min(Duration.ofDays(25).toMinutes(),
                Math.max(1, Duration.between(openedAt, now).toMinutes() - 30));
        // the organisation admits a respondent of every team: the participations the appended assessments carry
        List<Participation> participations = new ArrayList<>();
        for (String team : teams) {
            participations.add(commands.sendAndWait(new AdmitRespondentCommand(organisation, round, team,
                    openedAt.plusSeconds(30))));
        }
        // through the commands, side by side: the small team's respondents and a few of every other team
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger completedSmall = new AtomicInteger();
        List<Future<?>> answered = new ArrayList<>();
        List<String> viaCommands = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < teams.size(); t++) {
            int team = t;
            answered.add(workers.submit(() -> {
                Random own = new Random(2026L * 31 + index * 7L + team);
                int respondents = team == SMALL_TEAM ? 2 + own.nextInt(5) : commandRespondents;
                double best = best(team, index);
                for (int i = 0; i < respondents; i++) {
                    Instant at = openedAt.plus(Duration.ofMinutes(own.nextLong(window)));
                    CommandRespondent made = respond(round, teams.get(team), at, best, own);
                    viaCommands.add(made.id());
                    if (made.completed()) {
                        completed.incrementAndGet();
                        if (team == SMALL_TEAM) {
                            completedSmall.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> team : answered) {
            team.get();
        }
        if (index == 0) {
            Document stored = events.find(Filters.eq("aggregateIdentifier", viaCommands.get(0))).first();
            aggregateType = stored.getString("aggregateType");
            System.out.printf("assessment events made by commands are stored with aggregateType '%s', payloadType "
                    + "'%s'; the appended ones get the same%n", aggregateType, stored.getString("payloadType"));
        }
        // the bulk: the big teams' assessments, appended in large batches
        long remaining = Math.max(0, targetEvents - head());
        int roundsLeft = roundCount - index;
        int perTeam = (int) Math.round(remaining / (double) roundsLeft / (teams.size() - 1) / EVENTS_PER_ASSESSMENT);
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Random own = new Random(4242L + index);
        for (int team = 0; team < SMALL_TEAM; team++) {
            double best = best(team, index);
            int count = Math.max(0, perTeam - commandRespondents + own.nextInt(21) - 10);
            for (int i = 0; i < count; i++) {
                Instant at = openedAt.plus(Duration.ofMinutes(own.nextLong(window)));
                List<AssessmentEvent> history = history(participations.get(team), at, best, own);
                if (history.get(history.size() - 1) instanceof AssessmentCompleted done) {
                    completed.incrementAndGet();
                    if (sampleAppended == null && index == roundCount / 2) {
                        sampleAppended = done.assessmentId();
                        sampleAppendedTotal = done.totalScore();
                    }
                }
                String id = history.get(0).assessmentId();
                for (int sequence = 0; sequence < history.size(); sequence++) {
                    batch.add(new GenericDomainEventMessage<>(aggregateType, id, sequence, history.get(sequence),
                            MetaData.emptyInstance()));
                }
                appendedAssessments++;
                if (batch.size() >= batchEvents) {
                    append(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        append(batch);
        completedPerRound.put(round, completed.get());
        completedSmallTeamPerRound.put(round, completedSmall.get());
        if (!last) {
            commands.sendAndWait(new CloseRoundCommand(organisation, round, admin,
                    openedAt.plus(Duration.ofDays(28)).minus(1, ChronoUnit.HOURS)));
        }
        System.out.printf("  round %2d of %d (%s): %,d completed (small team %d); store holds %,d events%n", index + 1,
                roundCount, opens, completed.get(), completedSmall.get(), head());
    }

    /** The demo's growth per quarter, for a round some months after the first. */
    private double best(int team, int round) {
        double quarters = round * Math.max(1, 24 / roundCount) / 3.0;
        return Math.min(0.9, TEAM_GROWTH[team][0] + TEAM_GROWTH[team][1] * quarters);
    }

    private void append(List<DomainEventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(batch));
        appendSeconds += (System.nanoTime() - started) / 1e9;
        appendedEvents += batch.size();
    }

    /** One respondent's events as the aggregate would make them: the demo's answers, sometimes changed, mostly completed. */
    private static List<AssessmentEvent> history(Participation participation, Instant at, double best, Random random) {
        List<AssessmentEvent> history = new ArrayList<>();
        AssessmentStarted started = Assessment.start(AssessmentId.newId(),
                random.nextInt(5) == 0 ? Language.EN : Language.NL, participation, at);
        history.add(started);
        Assessment state = Assessment.startedWith(started);
        Instrument instrument = Instruments.current();
        Instant moment = at;
        for (int question = 1; question <= instrument.questionCount(); question++) {
            moment = moment.plusSeconds(20 + random.nextInt(90));
            if (random.nextInt(8) == 0) {
                for (AssessmentEvent event : state.answer(question, choose(instrument, question, 0.2, random).key(),
                        moment)) {
                    history.add(event);
                    state = state.evolve(event);
                }
                moment = moment.plusSeconds(5 + random.nextInt(30));
            }
            for (AssessmentEvent event : state.answer(question, choose(instrument, question, best, random).key(),
                    moment)) {
                history.add(event);
                state = state.evolve(event);
            }
        }
        if (random.nextInt(20) != 0) {
            history.addAll(state.complete(moment.plusSeconds(10)));
        }
        return history;
    }

    private record CommandRespondent(String id, boolean completed) {
    }

    /** One respondent through the real commands, as the demo makes them. */
    private CommandRespondent respond(String round, String team, Instant at, double best, Random random) {
        Participation participation = commands.sendAndWait(new AdmitRespondentCommand(organisation, round, team, at));
        AssessmentId id = AssessmentId.newId();
        commands.sendAndWait(new StartAssessmentCommand(id, random.nextInt(5) == 0 ? Language.EN : Language.NL,
                participation, at));
        Instrument instrument = Instruments.current();
        Instant moment = at;
        for (int question = 1; question <= instrument.questionCount(); question++) {
            moment = moment.plusSeconds(20 + random.nextInt(90));
            if (random.nextInt(8) == 0) {
                commands.sendAndWait(new GiveAnswerCommand(id.value(), question, choose(instrument, question, 0.2,
                        random).key(), moment));
                moment = moment.plusSeconds(5 + random.nextInt(30));
            }
            commands.sendAndWait(new GiveAnswerCommand(id.value(), question, choose(instrument, question, best,
                    random).key(), moment));
        }
        commandAssessments.incrementAndGet();
        if (random.nextInt(20) != 0) {
            commands.sendAndWait(new CompleteAssessmentCommand(id.value(), moment.plusSeconds(10)));
            return new CommandRespondent(id.value(), true);
        }
        return new CommandRespondent(id.value(), false);
    }

    private static Option choose(Instrument instrument, int question, double best, Random random) {
        double draw = random.nextDouble();
        int wanted = draw < best ? 5 : draw < best + (1 - best) * 0.6 ? 3 : 1;
        for (Option option : Option.values()) {
            if (instrument.points(question, option) == wanted) {
                return option;
            }
        }
        throw new IllegalStateException("question " + question + " has no option worth " + wanted);
    }

    private String activated(String email, String password) {
        Enrolment accounts = context.getBean(Enrolment.class);
        Enrolment.Invited invited = accounts.invite(email);
        if (invited.activationToken() != null) {
            accounts.activate(invited.activationToken(), password);
        }
        return invited.account().id();
    }

    // ----- projections -------------------------------------------------------------------------------------

    private long head() {
        var token = eventStore.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    /** Waits until the named processor (null: every streaming one) has processed every event stored now. */
    private void awaitProjections(String only, Duration timeout) throws InterruptedException {
        long head = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
                if (only != null && !only.equals(entry.getKey())
                        || !(entry.getValue() instanceof StreamingEventProcessor processor)) {
                    continue;
                }
                all &= caughtUp(processor, head);
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up with " + head + ": " + positions());
            }
            Thread.sleep(20);
        }
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(segment -> segment.isCaughtUp()
                && segment.getCurrentPosition().orElse(-1) >= head);
    }

    private String positions() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(entry -> entry.getKey() + "=" + ((StreamingEventProcessor) entry.getValue()).processingStatus()
                        .values().stream().map(s -> String.valueOf(s.getCurrentPosition().orElse(-1)))
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
    }

    // ----- HTTP ----------------------------------------------------------------------------------------------

    private void signIn() throws Exception {
        String basic = Base64.getEncoder().encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /api/tokens: " + created.statusCode() + " " + created.body());
        }
        bearer = "Bearer " + json.readTree(created.body()).get("token").asText();
        System.out.println("signed in as the admin with an API token (POST /api/tokens, then Authorization: Bearer)");
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", bearer).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    /** The appended assessments are real to the application: their views, and the reports' counts. */
    private void verify() throws Exception {
        HttpResponse<String> assessment = http.send(HttpRequest.newBuilder(URI.create(base + "/api/assessments/"
                + sampleAppended)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode view = json.readTree(assessment.body());
        int total = view.path("result").path("totalScore").asInt(-1);
        System.out.printf("check: GET /api/assessments/{an appended one} -> %d, status %s, total %d (appended: %d)%n",
                assessment.statusCode(), view.path("status").asText(), total, sampleAppendedTotal);
        if (assessment.statusCode() != 200 || total != sampleAppendedTotal) {
            throw new IllegalStateException("an appended assessment is not what the application shows: "
                    + assessment.body());
        }
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (int r = 0; r < roundCount; r++) {
            String round = rounds.get(r);
            JsonNode report = json.readTree(get(reports() + "/rounds/" + round, "application/json").body());
            int n = report.path("organisation").path("n").asInt(-1);
            String small = "";
            for (JsonNode team : report.path("teams")) {
                if (teams.get(SMALL_TEAM).equals(team.path("teamId").asText())) {
                    small = "n " + team.path("n").asInt() + " of " + completedSmallTeamPerRound.get(round)
                            + " completed";
                }
            }
            System.out.printf("check: round %d report -> n %d released of %d completed; small team %s%n", r + 1, n,
                    completedPerRound.get(round), small);
            if (n > completedPerRound.get(round) || n < completedPerRound.get(round) - 4 * TEAMS.size()) {
                wrong.add("round " + (r + 1) + " counts " + n + " of " + completedPerRound.get(round)
                        + " completed: more than the stragglers of a closed round are missing");
            }
            checked++;
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(String.join("; ", wrong));
        }
        summary.add("checks: an appended assessment shows through GET /api/assessments/{id}; all " + checked
                + " round reports count the completions made, but for fewer than the minimum per team left waiting");
    }

    private String reports() {
        return "/api/organisations/" + organisation + "/reports";
    }

    private Map<String, String> endpoints() {
        String round = rounds.get(roundCount - 2);
        String previous = rounds.get(roundCount - 3);
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String granularity : List.of("week", "month", "quarter", "year")) {
            endpoints.put("trend " + granularity, reports() + "/trend?granularity=" + granularity);
        }
        endpoints.put("round", reports() + "/rounds/" + round);
        endpoints.put("comparison", reports() + "/rounds/" + round + "/comparison?with=" + previous);
        endpoints.put("heatmap", reports() + "/heatmap");
        endpoints.put("trend week CSV", reports() + "/trend?granularity=week&format=csv");
        return endpoints;
    }

    private static String accept(String name) {
        return name.endsWith("CSV") ? "text/csv" : "application/json";
    }

    private void steadyState(Map<String, String> endpoints) throws Exception {
        System.out.printf("%nsteady state (basis kept): %d warm-up + %d timed requests per endpoint, one client%n",
                warmup, requests);
        summary.add(String.format("steady state, %d requests each after %d warm-up (target p99 < 100 ms):", requests,
                warmup));
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            int bytes = 0;
            for (int i = 0; i < warmup; i++) {
                bytes = get(endpoint.getValue(), accept(endpoint.getKey())).body().length;
            }
            long[] times = new long[requests];
            for (int i = 0; i < requests; i++) {
                long started = System.nanoTime();
                get(endpoint.getValue(), accept(endpoint.getKey()));
                times[i] = System.nanoTime() - started;
            }
            Arrays.sort(times);
            String line = String.format("  %-15s p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms  (%,d bytes)%s",
                    endpoint.getKey(), percentile(times, 50), percentile(times, 95), percentile(times, 99),
                    times[times.length - 1] / 1e6, bytes, percentile(times, 99) < 100 ? "" : "  MISSES");
            System.out.println(line);
            summary.add(line);
        }
    }

    private void afterChange(Map<String, String> endpoints) throws Exception {
        System.out.printf("%nfirst request after a release (basis computed again), %d per endpoint%n", changes);
        summary.add(String.format("first request after a release (basis computed again), %d each:", changes));
        String round = rounds.get(roundCount - 1);
        Random random = new Random(7);
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            long[] times = new long[changes];
            for (int i = 0; i < changes; i++) {
                for (int respondent = 0; respondent < 5; respondent++) {
                    respond(round, teams.get(0), Instant.now(), 0.5, random);
                }
                awaitProjections(ReportProjection.PROCESSING_GROUP, Duration.ofMinutes(1));
                context.getBean(nl.klantspiegel.application.port.in.ReleaseResultsUseCase.class)
                        .releaseDue(organisation, Instant.now().plus(Duration.ofHours(i + 1)));
                awaitProjections(ReportProjection.PROCESSING_GROUP, Duration.ofMinutes(1));
                long started = System.nanoTime();
                get(endpoint.getValue(), accept(endpoint.getKey()));
                times[i] = System.nanoTime() - started;
            }
            Arrays.sort(times);
            String line = String.format("  %-15s min %7.1f  median %7.1f  max %7.1f ms%s", endpoint.getKey(),
                    times[0] / 1e6, percentile(times, 50), times[times.length - 1] / 1e6,
                    times[times.length - 1] / 1e6 < 100 ? "" : "  over 100 ms");
            System.out.println(line);
            summary.add(line);
        }
    }

    /** The recomputation measured inside, on the same beans: reading the facts, the anonymity floor, the groups. */
    private void breakdown() {
        ReportFacts facts = context.getBean(ReportFacts.class);
        OrganisationView view = context.getBean(OrganisationViews.class).find(organisation).orElseThrow();
        Set<String> roundIds = new LinkedHashSet<>();
        view.rounds().forEach(round -> roundIds.add(round.id()));
        System.out.printf("%nrecomputing the basis, measured inside (3 times; the last counts):%n");
        String line = "";
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            long version = facts.version(organisation);
            long t1 = System.nanoTime();
            ReportFacts.Facts read = facts.facts(organisation, roundIds);
            long t2 = System.nanoTime();
            ReportBasis basis = context.getBean(nl.klantspiegel.application.report.ReleasedResults.class)
                    .now(view).basis();
            long t3 = System.nanoTime();
            LocalDate today = LocalDate.now(ReportBasis.ZONE);
            LocalDate first = basis.firstDay().orElse(today);
            long t4 = System.nanoTime();
            basis.trend(Granularity.WEEK, first, today, teams, true);
            long t5 = System.nanoTime();
            basis.trend(Granularity.MONTH, first, today, teams, true);
            basis.trend(Granularity.QUARTER, first, today, teams, true);
            basis.trend(Granularity.YEAR, first, today, teams, true);
            long t6 = System.nanoTime();
            basis.round(rounds.get(roundCount - 2), teams);
            basis.comparison(rounds.get(roundCount - 2), rounds.get(roundCount - 3), teams);
            basis.heatmap(rounds.get(roundCount - 1), rounds.get(roundCount - 2), teams,
                    Instruments.current().questionNumbers());
            long t7 = System.nanoTime();
            line = String.format("version %.1f ms; facts read (%,d completions in %d round documents) %.1f ms; "
                            + "released batches (%s) %.1f ms; firstDay %.1f ms; week-trend groups "
                            + "%.1f ms; month+quarter+year groups %.1f ms; round+comparison+heatmap groups %.1f ms",
                    (t1 - t0) / 1e6, read.completed().size(), roundIds.size(), (t2 - t1) / 1e6,
                    version + " facts version", (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, (t6 - t5) / 1e6,
                    (t7 - t6) / 1e6);
            System.out.println("  " + line);
        }
        summary.add("recomputation inside: " + line);
    }

    // ----- the analysts' issue: export and a rebuild while serving ----------------------------------------------

    /**
     * The organisation's whole event log as NDJSON over HTTP, read line by line and thrown away: speed, size and the
     * heap while it streams (sampled every 20 ms) against the heap before — an export holds one window, not the log.
     */
    private void export() throws Exception {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long before = memory.getHeapMemoryUsage().getUsed();
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(before);
        java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (streaming.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/organisations/"
                        + organisation + "/events")).header("Authorization", bearer).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        String last = null;
        long expected = head();
        List<String> afterCollection = new ArrayList<>();
        long nextCheck = expected / 4;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                bytes += line.length() + 1;
                last = line;
                if (lines == nextCheck) {
                    // what the heap holds after a collection, a quarter, half, three quarters of the way
                    System.gc();
                    afterCollection.add(String.format("%,d MB at %,d", memory.getHeapMemoryUsage().getUsed() >> 20,
                            lines));
                    nextCheck += expected / 4;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        streaming.set(false);
        sampler.join();
        long events = lines - 1;
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        String line = String.format("export of the organisation's events (GET /api/organisations/{org}/events): %,d "
                        + "events, %,.0f MB in %.1f s (%,.0f events/s, with a collection at each quarter); heap after "
                        + "a collection: %,d MB before, %s, %,d MB after (in use at most %,d MB, garbage included) "
                        + "(status %d, closed: %s)", events, bytes / 1e6, seconds, events / seconds, before >> 20,
                String.join(", ", afterCollection), after >> 20, peak.get() >> 20, response.statusCode(),
                last != null && last.startsWith("{\"end\""));
        System.out.println(line);
        summary.add(line);
    }

    /**
     * {@code POST /api/projections/{name}/rebuild} as the operator would (the use case, in process), for the reports
     * and for the heaviest projection, the assessment views: rebuilt beside the answering version; the progress as {@code GET /api/projections} shows it, and how fast the
     * reports answer meanwhile (from the old version).
     */
    private void rebuildWhileServing() throws Exception {
        rebuildWhileServing("reports");
        rebuildWhileServing("organisation-views");
    }

    private void rebuildWhileServing(String name) throws Exception {
        var rebuilds = context.getBean(nl.klantspiegel.application.port.in.RebuildProjectionUseCase.class);
        var projections = context.getBean(nl.klantspiegel.application.port.in.ProjectionsQuery.class);
        var operator = new nl.klantspiegel.application.port.in.Caller("benchmark-operator", true);
        long head = head();
        long started = System.nanoTime();
        rebuilds.rebuild(operator, name);
        List<String> progress = new ArrayList<>();
        List<Double> during = new ArrayList<>();
        long nextSample = System.nanoTime();
        while (rebuilds.rebuildPosition(name).isPresent()) {
            if (System.nanoTime() >= nextSample) {
                projections.projections(operator).stream().filter(status -> status.name().equals(name))
                        .findFirst().ifPresent(status -> progress.add(String.format("%.0f%% %,.0f/s eta %s s",
                                status.percent() == null ? 100.0 : status.percent(), status.eventsPerSecond(),
                                status.etaSeconds())));
                nextSample += 10_000_000_000L;
            }
            long asked = System.nanoTime();
            get(reports() + "/trend?granularity=quarter", "application/json");
            during.add((System.nanoTime() - asked) / 1e6);
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        during.sort(Double::compare);
        String line = String.format("rebuild of '%s' while serving (blue/green): %,d events in %.1f s (%,.0f "
                        + "events/s); the trend answered %d times meanwhile, p50 %.1f ms, max %.1f ms; progress every "
                        + "10 s: %s", name, head, seconds, head / seconds, during.size(),
                during.isEmpty() ? 0 : during.get(during.size() / 2), during.isEmpty() ? 0 : during.get(during.size() - 1),
                String.join("; ", progress));
        System.out.println(line);
        summary.add(line);
    }

    // ----- rebuild -------------------------------------------------------------------------------------------

    private void rebuild() throws Exception {
        long head = head();
        long stored = events.estimatedDocumentCount();
        System.out.printf("%nthe event store: %,d events (head position %,d)%n", stored, head);

        double rawBefore = rawFetch(head, 1000);
        double axonStream = axonStream(stored);

        StreamingEventProcessor reports = processing.eventProcessor(ReportProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        reports.shutdownAsync().get(1, TimeUnit.MINUTES);
        long started = System.nanoTime();
        reports.resetTokens();
        double resetSeconds = (System.nanoTime() - started) / 1e9;
        reports.start();
        long next = 20_000;
        long stepStarted = System.nanoTime();
        long stepPosition = 0;
        List<String> steps = new ArrayList<>();
        while (!caughtUp(reports, head)) {
            long position = reports.processingStatus().values().stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(0)).min().orElse(0);
            if (position >= next) {
                long now = System.nanoTime();
                String step = String.format("%,d: %,.0f/s", position, (position - stepPosition) / ((now - stepStarted)
                        / 1e9));
                System.out.println("  rebuild at " + step);
                steps.add(step);
                stepStarted = now;
                stepPosition = position;
                next = (position / 20_000 + 1) * 20_000;
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rebuild = head / seconds;
        System.out.printf("rebuild of 'reports' from the first event: %,d events in %.1f s (reset %.1f s): %,.0f "
                + "events/s%n", head, seconds, resetSeconds, rebuild);
        double rawAfter = rawFetch(head, 1000);
        awaitProjections(null, Duration.ofMinutes(5));
        summary.add(String.format("rebuild of 'reports' from the first event: %,.0f events/s (%,d events in %.1f s, of "
                        + "which resetTokens() %.1f s)", rebuild, head, seconds, resetSeconds));
        summary.add(String.format("  raw _id $in fetch, batches of 1000, same run: %,.0f events/s before, %,.0f "
                        + "after; Axon's stream without a handler: %,.0f events/s; rebuild/raw = %.2f", rawBefore,
                rawAfter, axonStream, rebuild / Math.max(rawBefore, rawAfter)));
        summary.add("  rebuild per step of 20,000: " + String.join("; ", steps));
    }

    /** Every event document by {@code _id $in}, in batches, straight from the driver the application uses. */
    private double rawFetch(long head, int batch) {
        long started = System.nanoTime();
        long found = 0;
        for (long from = 0; from <= head; from += batch) {
            List<Long> ids = LongStream.range(from, Math.min(from + batch, head + 1)).boxed().toList();
            for (Document ignored : events.find(Filters.in("_id", ids))) {
                found++;
            }
        }
        double perSecond = found / ((System.nanoTime() - started) / 1e9);
        System.out.printf("raw fetch by _id $in, batches of %d: %,d documents at %,.0f events/s%n", batch, found,
                perSecond);
        return perSecond;
    }

    /** Axon's own stream from the first event, every payload deserialised, no handler. */
    private double axonStream(long stored) throws Exception {
        long started = System.nanoTime();
        long read = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (read < stored && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                stream.nextAvailable().getPayload();
                read++;
            }
        }
        double perSecond = read / ((System.nanoTime() - started) / 1e9);
        System.out.printf("Axon's stream from the first event (engine fetch, payload deserialised, no handler): %,d "
                + "events at %,.0f events/s%n", read, perSecond);
        return perSecond;
    }

    // ----- helpers -------------------------------------------------------------------------------------------

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long dataFileMegabytes(Path directory) throws Exception {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / (1 << 20);
        }
    }
}
