package io.kogu.devkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./kogu up} and {@code ./kogu token}: the whole system on one machine with nothing but a JDK.
 * Settings come from environment variables (see README.md, "Configuration").
 */
public final class KoguCommand {

    private static final String USAGE = """
            usage: ./kogu up
                   ./kogu token [--workspace W] [--role R]... [--hours H] [--subject ID] [--name NAME]

            Environment:
              KOGU_DATA_DIR       where the embedded database, the dev signing key and the logs live (.kogu)
              KOGU_DB_URL         an existing PostgreSQL to use instead of the embedded one, as an admin
                                  JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
              KOGU_PG_PORT        port of the embedded PostgreSQL (54329)
              KOGU_CONTENT_PORT, KOGU_AUDIENCE_PORT, KOGU_METRICS_PORT   service ports (8081, 8082, 8083)
            """;

    private KoguCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Embedded PostgreSQL narrates every step at INFO; a person wants the outcome.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Path home = Path.of(System.getProperty("kogu.home", ".")).toAbsolutePath().normalize();
        Path dataDir = home.resolve(env("KOGU_DATA_DIR", ".kogu"));
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "up" -> up(home, dataDir);
            case "token" -> System.out.println(token(dataDir, options));
            default -> {
                System.out.print(USAGE);
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }

    private static void up(Path home, Path dataDir) throws InterruptedException {
        SigningKey key = SigningKey.inFolder(dataDir.resolve("keys"));
        String externalUrl = System.getenv("KOGU_DB_URL");
        Database database = externalUrl != null && !externalUrl.isBlank()
                ? new ExternalDatabase(externalUrl)
                : EmbeddedDatabase.start(dataDir.resolve("postgres"), Integer.parseInt(env("KOGU_PG_PORT", "54329")));
        Map<KoguService, Integer> ports = new EnumMap<>(KoguService.class);
        Map<KoguService, String> databases = new EnumMap<>(KoguService.class);
        for (KoguService service : KoguService.values()) {
            ports.put(service, Integer.parseInt(env(service.portVariable(), Integer.toString(service.defaultPort()))));
            databases.put(service, service.database());
        }
        System.out.println("Starting Kogu: PostgreSQL " + (externalUrl != null ? "at " + externalUrl : "embedded, data in "
                + dataDir.resolve("postgres")) + "; logs in " + dataDir.resolve("logs"));

        KoguStack stack;
        try {
            stack = KoguStack.start(new KoguStack.Settings(home, database, databases, ports, key.publicKeyFile(),
                    DevTokens.ISSUER, dataDir.resolve("logs")));
        } catch (RuntimeException e) {
            database.close();
            System.err.println("Kogu did not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Kogu…");
            stack.close();
            database.close();
            stopped.countDown();
        }, "kogu-shutdown"));

        String token = new DevTokens(key.privateKey()).token("demo", List.of("viewer", "editor", "approver", "admin"),
                Duration.ofHours(12));
        StringBuilder banner = new StringBuilder("\nKogu is up.\n\n");
        for (KoguService service : KoguService.values()) {
            String url = stack.url(service).toString();
            banner.append(String.format("  %-17s %s   Swagger UI %s/q/swagger-ui   contract %s/q/openapi%n",
                    service.module(), url, url, url));
            banner.append(String.format("  %-17s health %s/q/health   metrics %s/q/metrics%n", "",
                    stack.managementUrl(service), stack.managementUrl(service)));
        }
        banner.append("\nDevelopment token (workspace 'demo', roles viewer editor approver admin, valid 12 h):\n\n")
                .append("export TOKEN=").append(token).append("\n\nTry it:\n\n  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n")
                .append("       -d '{\"title\":\"Hello\",\"body\":\"First post\"}' ").append(stack.url(KoguService.CONTENT))
                .append("/v1/drafts\n\nOther tokens: ./kogu token --workspace W --role R\nCtrl-C stops everything.\n");
        System.out.println(banner);
        stopped.await();
    }

    private static String token(Path dataDir, List<String> options) {
        String workspace = "demo";
        List<String> roles = new ArrayList<>();
        long hours = 12;
        String subject = null;
        String name = null;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String value = i + 1 < options.size() ? options.get(i + 1) : null;
            if (value == null) {
                throw usage("missing value after " + option);
            }
            switch (option) {
                case "--workspace" -> workspace = value;
                case "--role" -> roles.add(value);
                case "--hours" -> hours = Long.parseLong(value);
                case "--subject" -> subject = value;
                case "--name" -> name = value;
                default -> throw usage("unknown option " + option);
            }
            i++;
        }
        if (roles.isEmpty()) {
            roles.add("editor");
        }
        SigningKey key = SigningKey.inFolder(dataDir.resolve("keys"));
        DevTokens tokens = new DevTokens(key.privateKey());
        if (subject == null && name == null) {
            return tokens.token(workspace, roles, Duration.ofHours(hours));
        }
        // Several people in one workspace (an author and two approvers): each their own subject and name.
        return tokens.person(workspace, roles, subject != null ? subject : "dev-" + String.join("-", roles), name,
                Instant.now().plus(Duration.ofHours(hours)));
    }

    private static IllegalArgumentException usage(String problem) {
        System.err.print(problem + "\n" + USAGE);
        System.exit(2);
        return new IllegalArgumentException(problem);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
