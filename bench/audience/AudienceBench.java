import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.segment.rule.RuleCompiler;
import io.kogu.audience.segment.rule.RuleParser;
import io.kogu.platform.sql.Sql;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.devkit.DevTokens;
import io.kogu.devkit.SigningKey;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Measures audience-service at scale on one PostgreSQL: a segment with a nested rule (count and first page) as
 * the service compiles it against the best hand-written SQL for the same question, and a 100,000-row NDJSON
 * import through the running service against COPY of the same rows. Prints figures and ratios.
 */
public class AudienceBench {

    static final String DATABASE = "kogu_bench_audience";
    static final String WORKSPACE = "bench";
    static final int MEMBERS = 1_000_000;
    static final int IMPORT_ROWS = 100_000;
    static final int RUNS = 21;

    static final String RULE = """
            {"all":[
              {"field":"country","operator":"in","values":["EE","LV","LT","FI"]},
              {"any":[{"field":"tags","operator":"hasAny","values":["coffee","design"]},
                      {"field":"engagementScore","operator":"gte","values":[80]}]},
              {"field":"lastInteractionAt","operator":"withinLast","values":["P90D"]},
              {"field":"attributes.plan","operator":"eq","values":["pro"]},
              {"none":[{"field":"relationship","operator":"eq","values":["customer"]}]}
            ]}""";

    static final String HAND_WRITTEN = """
            m.workspace_id = ? and m.country = any(?) and (m.tags && ? or m.engagement_score >= ?)
            and m.last_interaction_at between ? and ? and m.attributes @> ?::jsonb and m.relationship <> ?""";

    public static void main(String[] args) throws Exception {
        String admin = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String url = admin.replaceFirst("/postgres(\\?|$)", "/" + DATABASE + "$1");
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("create database " + DATABASE);
            }
        }
        Path keys = Files.createTempDirectory("kogu-bench-keys");
        SigningKey key = SigningKey.inFolder(keys);
        DevTokens tokens = new DevTokens(key.privateKey());
        int port;
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
        }
        Process service = startService(url, key, port, managementPort);
        try {
            String base = "http://127.0.0.1:" + port;
            waitUntilReady("http://127.0.0.1:" + managementPort);
            try (Connection db = DriverManager.getConnection(url)) {
                ensureMembers(db);
                if (!List.of(args).contains("--imports-only")) {
                    segments(db, base, tokens);
                }
                imports(db, base, tokens);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    static Process startService(String url, SigningKey key, int port, int managementPort) throws Exception {
        String jdbc = url.replaceFirst("\\?.*", "");
        // BENCH_SERVICE_JAR: another build of the service (an earlier commit's, for before/after figures).
        // BENCH_JAVA_OPTS: extra JVM options for the service, e.g. -XX:StartFlightRecording=filename=/tmp/a.jfr.
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx512m"));
        command.addAll(List.of(System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").split(" ")).stream()
                .filter(option -> !option.isBlank()).toList());
        command.addAll(List.of("-jar",
                System.getenv().getOrDefault("BENCH_SERVICE_JAR", "audience-service/target/quarkus-app/quarkus-run.jar")));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_JDBC_URL", jdbc, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.publicKeyFile().toUri().toString(),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        byte[] hmacKey = new byte[32];
        new java.security.SecureRandom().nextBytes(hmacKey);
        builder.environment().put("KOGU_IDEMPOTENCY_HMAC_KEY", java.util.Base64.getEncoder().encodeToString(hmacKey));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort)); // health
        builder.redirectErrorStream(true).redirectOutput(Path.of("/tmp/kogu-bench-audience-service.log").toFile());
        return builder.start();
    }

    static void waitUntilReady(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build();
        pollUntil(Duration.ofSeconds(90), "audience-service did not start; see /tmp/kogu-bench-audience-service.log", () -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false; // still starting
            }
        });
    }

    /** The finished import job at {@code location}: jobs run in the background, so their end is polled. */
    static JsonNode awaitJob(HttpClient http, ObjectMapper json, String location, String token) throws Exception {
        JsonNode[] job = new JsonNode[1];
        pollUntil(Duration.ofMinutes(10), "the import job at " + location + " did not finish", () -> {
            job[0] = json.readTree(get(http, location, token).body());
            String status = job[0].path("status").asText();
            return !"queued".equals(status) && !"running".equals(status); // a job is queued until a runner claims it
        });
        return job[0];
    }

    /** Asks {@code done} every 200 ms until it says yes; fails with {@code failure} after {@code timeout}. */
    static void pollUntil(Duration timeout, String failure, Callable<Boolean> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** 1,000,000 varied members in workspace "bench", made once (the database is kept between runs). */
    static void ensureMembers(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            ResultSet count = s.executeQuery("select count(*) from member where workspace_id = '" + WORKSPACE + "'");
            count.next();
            if (count.getLong(1) == MEMBERS) {
                System.out.printf("members: %,d in workspace %s (kept from an earlier run)%n", MEMBERS, WORKSPACE);
                return;
            }
            System.out.printf("making %,d members (once; a few minutes)...%n", MEMBERS);
            long start = System.nanoTime();
            s.execute("delete from member where workspace_id = '" + WORKSPACE + "'");
            s.execute("""
                    insert into member (id, workspace_id, display_name, email, country, language, city, relationship, tags,
                        version, created_at, updated_at, external_id, followed_since, last_interaction_at, engagement_score,
                        marketing_consent, attributes)
                    select gen_random_uuid(), 'bench', 'Member ' || g,
                        case when random() < 0.6 then 'm' || g || '@example.com' end,
                        (array['EE','LV','LT','FI','SE','DE','FR','ES','IT','PL','NL','US','GB','BR','JP'])[1 + floor(power(random(), 2) * 15)::int],
                        (array['et','en','fi','de','fr','es'])[1 + floor(random() * 6)::int],
                        (array['Tallinn','Tartu','Riga','Vilnius','Helsinki','Berlin','Paris'])[1 + floor(random() * 7)::int],
                        (array['fan','fan','fan','potential_fan','customer','advocate'])[1 + floor(random() * 6)::int],
                        (select coalesce(array_agg(t)::varchar[], '{}') from unnest(array['coffee','design','tea','sport','music',
                            'travel','food','tech','art','books','games','film','fashion','cars','pets','garden','yoga','beer',
                            'wine','photo']) t where random() < 0.12 + 0 * g),
                        0, now() - random() * interval '1000 days', now(), 'ext-' || g,
                        now() - random() * interval '1500 days',
                        case when random() < 0.85 then now() - power(random(), 2) * interval '730 days' end,
                        case when random() < 0.9 then round((power(random(), 2) * 100)::numeric, 1) end,
                        random() < 0.4,
                        jsonb_build_object('plan', (array['free','free','free','pro','team'])[1 + floor(random() * 5)::int],
                            'seats', floor(random() * 50)::int)
                    from generate_series(1, %d) g""".formatted(MEMBERS));
            s.execute("""
                    insert into member_handle (id, member_id, workspace_id, network, handle, handle_key, position)
                    select gen_random_uuid(), id, workspace_id, (array['x','mastodon','bluesky','instagram'])[1 + floor(random() * 4)::int],
                        '@' || id, id::text, 0 from member where workspace_id = 'bench' and random() < 0.7""");
            s.execute("""
                    insert into attribute_definition (id, workspace_id, key, type, created_at)
                    values (gen_random_uuid(), 'bench', 'plan', 'string', now()), (gen_random_uuid(), 'bench', 'seats', 'number', now())
                    on conflict do nothing""");
            s.execute("analyze member");
            s.execute("analyze member_handle");
            System.out.printf("made in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    static void segments(Connection db, String base, DevTokens tokens) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode rule = json.readTree(RULE);
        Instant now = Instant.now();
        RuleCompiler.Compiled compiled = new RuleCompiler(WORKSPACE, id -> null, now)
                .compile(RuleParser.parse(rule, "rule", Map.of("plan", ValueKind.TEXT, "seats", ValueKind.NUMBER)).root());
        Sql predicate = compiled.predicate();
        Sql compiledCount = compiled.select("count(*)", WORKSPACE);
        Sql compiledPage = compiled.select("m.created_at, m.id", WORKSPACE)
                .add(" order by m.created_at desc, m.id desc limit 51");
        Object[] handParams = {WORKSPACE, new Sql.Array("text", new Object[]{"EE", "LV", "LT", "FI"}),
                new Sql.Array("varchar", new Object[]{"coffee", "design"}), 80.0,
                now.atOffset(java.time.ZoneOffset.UTC).minusDays(90).toInstant(), now, "{\"plan\":\"pro\"}", "customer"};

        System.out.println();
        System.out.println("Segment: 5 conditions in nested all/any/none groups (country in 4, tags hasAny or score >= 80,");
        System.out.println("         interaction within the last 90 days, attribute plan = pro, not a customer); 1,000,000 members");
        System.out.println("compiled SQL: " + predicate.text());
        long expected = 0;
        Timing countCompiled = time(() -> single(db, compiledCount.text(), compiledCount.params().toArray()));
        Timing countHand = time(() -> single(db, "select count(*) from member m where " + HAND_WRITTEN, handParams));
        Timing pageCompiled = time(() -> rows(db, compiledPage.text(), compiledPage.params().toArray()));
        Timing pageHand = time(() -> rows(db, "select m.created_at, m.id from member m where " + HAND_WRITTEN
                + " order by m.created_at desc, m.id desc limit 51", handParams));
        if (countCompiled.result != countHand.result) {
            throw new IllegalStateException("compiled and hand-written counts differ: " + countCompiled.result + " vs " + countHand.result);
        }
        expected = countCompiled.result;

        HttpClient http = HttpClient.newHttpClient();
        String admin = tokens.token(WORKSPACE, List.of("admin"), Duration.ofHours(1));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/segments"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"rule\":" + RULE + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String segmentId = json.readTree(created.body()).path("id").asText();
        Timing countHttp = time(() -> {
            HttpResponse<String> answer = get(http, base + "/v1/segments/" + segmentId + "/count", admin);
            return json.readTree(answer.body()).path("count").asLong();
        });
        Timing pageHttp = time(() -> (long) json.readTree(get(http, base + "/v1/segments/" + segmentId + "/members?limit=50",
                admin).body()).path("items").size());

        System.out.printf("members in the segment: %,d%n", expected);
        System.out.printf("%-34s %12s %12s %8s%n", "median of " + RUNS + " runs (ms)", "compiled", "hand SQL", "ratio");
        System.out.printf("%-34s %12.1f %12.1f %7.2fx%n", "count", countCompiled.ms, countHand.ms, countCompiled.ms / countHand.ms);
        System.out.printf("%-34s %12.1f %12.1f %7.2fx%n", "first page (50, newest first)", pageCompiled.ms, pageHand.ms,
                pageCompiled.ms / pageHand.ms);
        System.out.printf("%-34s %12.1f %12s%n", "GET /v1/segments/{id}/count", countHttp.ms, "(HTTP, whole request)");
        System.out.printf("%-34s %12.1f %12s%n", "GET /v1/segments/{id}/members", pageHttp.ms, "(HTTP, 50 members with handles)");
    }

    /** The load average of the machine (1, 5, 15 minutes): the figures of a shared machine depend on it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void imports(Connection db, String base, DevTokens tokens) throws Exception {
        // Each run deletes the 200,000 members it made. Where autovacuum is off (as on the development machines'
        // PostgreSQL), their dead rows pile up in the indexes run after run and slow every look-up: one run measured
        // 0.05 instead of 0.36. Vacuumed first, every run starts from the same tables.
        try (Statement s = db.createStatement()) {
            s.execute("vacuum analyze member, member_handle");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        String importWorkspace = "bench-import-" + run;
        String copyWorkspace = "bench-copy-" + run;
        Path ndjson = Files.createTempFile("kogu-bench-", ".ndjson");
        Path members = Files.createTempFile("kogu-bench-members-", ".csv");
        Path handles = Files.createTempFile("kogu-bench-handles-", ".csv");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] countries = {"EE", "LV", "LT", "FI", "SE", "DE"};
        String[] tags = {"coffee", "design", "tea", "sport", "music"};
        try (BufferedWriter n = Files.newBufferedWriter(ndjson); BufferedWriter m = Files.newBufferedWriter(members);
             BufferedWriter h = Files.newBufferedWriter(handles)) {
            for (int i = 0; i < IMPORT_ROWS; i++) {
                String country = countries[i % countries.length];
                String tag = tags[i % tags.length];
                Instant last = now.minus(Duration.ofHours(i % 5000));
                double score = (i % 1000) / 10.0;
                n.write("{\"displayName\":\"Imported " + i + "\",\"externalId\":\"imp-" + i + "\",\"country\":\"" + country
                        + "\",\"tags\":[\"" + tag + "\"],\"handles\":[{\"network\":\"x\",\"handle\":\"@imp" + i + "\"}],"
                        + "\"engagementScore\":" + score + ",\"lastInteractionAt\":\"" + last + "\"}\n");
                UUID id = UUID.randomUUID();
                m.write(id + "," + copyWorkspace + ",Imported " + i + ",imp-" + i + "," + country + ",{" + tag + "}," + score
                        + "," + last + ",fan,0," + now + "," + now + "\n");
                h.write(UUID.randomUUID() + "," + id + "," + copyWorkspace + ",x,@imp" + i + ",imp" + i + ",0\n");
            }
        }
        System.out.println();
        System.out.printf("Import: %,d NDJSON rows (upsert by externalId, a handle each), through the running service%n", IMPORT_ROWS);
        System.out.printf("load average: %s%n", loadAverage());
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String editor = tokens.token(importWorkspace, List.of("editor"), Duration.ofHours(1));
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/member-imports"))
                .header("Authorization", "Bearer " + editor).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        String location = accepted.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body()));
        JsonNode job = awaitJob(http, json, location, editor);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        if (job.path("created").asLong() != IMPORT_ROWS) {
            throw new IllegalStateException("the import did not create every row: " + job);
        }

        start = System.nanoTime();
        db.setAutoCommit(false);
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        try (Reader r = Files.newBufferedReader(members)) {
            copy.copyIn("copy member (id, workspace_id, display_name, external_id, country, tags, engagement_score,"
                    + " last_interaction_at, relationship, version, created_at, updated_at) from stdin with (format csv)", r);
        }
        try (Reader r = Files.newBufferedReader(handles)) {
            // handle_key: the handle as io.kogu.platform.text.Handles normalises it (V11).
            copy.copyIn("copy member_handle (id, member_id, workspace_id, network, handle, handle_key, position) from stdin with (format csv)", r);
        }
        db.commit();
        db.setAutoCommit(true);
        double copySeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/member-imports"))
                .header("Authorization", "Bearer " + editor).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        String againLocation = again.headers().firstValue("Location").orElseThrow();
        job = awaitJob(http, json, againLocation, editor);
        double reimportSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%-34s %10s %12s%n", "", "seconds", "rows/s");
        System.out.printf("%-34s %10.1f %12.0f%n", "service import (POST + job)", importSeconds, IMPORT_ROWS / importSeconds);
        System.out.printf("%-34s %10.1f %12.0f%n", "COPY of the same rows + handles", copySeconds, IMPORT_ROWS / copySeconds);
        System.out.printf("%-34s %10.1f %12.0f   (unchanged: %d)%n", "re-import of the same file", reimportSeconds,
                IMPORT_ROWS / reimportSeconds, job.path("unchanged").asLong());
        System.out.printf("import / COPY: %.2f (goal >= 0.30); re-import / COPY: %.2f%n", copySeconds / importSeconds,
                copySeconds / reimportSeconds);
        System.out.printf("load average: %s%n", loadAverage());

        try (PreparedStatement clean = db.prepareStatement("delete from member where workspace_id in (?, ?)")) {
            clean.setString(1, importWorkspace);
            clean.setString(2, copyWorkspace);
            clean.executeUpdate();
        }
        Files.deleteIfExists(ndjson);
        Files.deleteIfExists(members);
        Files.deleteIfExists(handles);
    }

    static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    record Timing(double ms, long result) {
    }

    /** One warm-up, then the median of RUNS runs. */
    static Timing time(Callable<Long> work) throws Exception {
        long result = work.call();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            result = work.call();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return new Timing(times.get(RUNS / 2), result);
    }

    static long single(Connection db, String sql, Object[] params) throws Exception {
        try (PreparedStatement statement = prepare(db, sql, params); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static long rows(Connection db, String sql, Object[] params) throws Exception {
        long count = 0;
        try (PreparedStatement statement = prepare(db, sql, params); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                count++;
            }
        }
        return count;
    }

    static PreparedStatement prepare(Connection db, String sql, Object[] params) throws Exception {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Sql.bindOne(statement, i + 1, params[i]);
        }
        return statement;
    }
}
