package io.kogu.testsupport;

import io.kogu.devkit.Database;
import io.kogu.devkit.DevTokens;
import io.kogu.devkit.EmbeddedDatabase;
import io.kogu.devkit.ExternalDatabase;
import io.kogu.devkit.SigningKey;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Once per test run (a module's test JVM): one PostgreSQL and the signing keys (users' and services'), handed to Quarkus as system
 * properties before any application starts. PostgreSQL is the embedded one, or the server that
 * {@code KOGU_TEST_DB_URL} names (an admin JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}); there the run gets databases of its own
 * and drops them at the end.
 *
 * <p>Registered through {@code META-INF/services}, so a module only needs test-support on its test classpath.
 * Quarkus loads test classes again in its own class loader, so the state of the run lives in system
 * properties: whichever copy of this class comes first starts the server, the others attach to it.
 */
public final class TestEnvironment implements LauncherSessionListener {

    public static final String DB_URL_VARIABLE = "KOGU_TEST_DB_URL";

    private static final String SERVER_URL = "kogu.test.server-url";
    private static final String KEY_FOLDER = "kogu.test.key-folder";
    private static final String RUN_SUFFIX = "kogu.test.run-suffix";
    private static final String EXTERNAL = "kogu.test.external";

    private static Database database;
    private static SigningKey signingKey;
    /** The embedded server, in the copy of this class that started it. */
    private static EmbeddedDatabase embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (Boolean.getBoolean(EXTERNAL)) {
            dropThisRunsDatabases();
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
            database = null;
        }
    }

    /** The server of this run. */
    public static synchronized Database database() {
        start();
        return database;
    }

    /**
     * The name of a database of this run, created on first use: on a shared server each run has its own,
     * so runs never see each other's data.
     */
    public static synchronized String databaseName(String base) {
        String name = Boolean.getBoolean(EXTERNAL) ? base + "_" + System.getProperty(RUN_SUFFIX) : base;
        database().ensureDatabase(name);
        return name;
    }

    public static synchronized SigningKey signingKey() {
        start();
        return signingKey;
    }

    /** The services' own key pair (service tokens), beside the user issuer's key. */
    public static synchronized SigningKey serviceKey() {
        start();
        return SigningKey.servicesIn(Path.of(System.getProperty(KEY_FOLDER)));
    }

    public static DevTokens tokens() {
        return new DevTokens(signingKey().privateKey());
    }

    private static synchronized void start() {
        if (database != null) {
            return;
        }
        if (System.getProperty(SERVER_URL) != null) {
            // Another class loader's copy started the run: attach to its server and key.
            database = new ExternalDatabase(System.getProperty(SERVER_URL));
            signingKey = SigningKey.inFolder(Path.of(System.getProperty(KEY_FOLDER)));
            return;
        }
        String url = System.getenv(DB_URL_VARIABLE);
        boolean external = url != null && !url.isBlank();
        if (external) {
            database = new ExternalDatabase(url);
        } else {
            embedded = EmbeddedDatabase.start(null, 0);
            database = embedded;
            url = embedded.jdbcUrl("postgres");
        }
        Path keyFolder;
        try {
            keyFolder = Files.createTempDirectory("kogu-test-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signingKey = SigningKey.inFolder(keyFolder);
        System.setProperty(SERVER_URL, url);
        System.setProperty(KEY_FOLDER, keyFolder.toString());
        System.setProperty(EXTERNAL, Boolean.toString(external));
        System.setProperty(RUN_SUFFIX,
                Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() % 46656, 36));

        // What a @QuarkusTest application of this module needs; one database per module.
        String module = System.getProperty("kogu.test.database", moduleName());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl(databaseName(module)));
        System.setProperty("mp.jwt.verify.publickey.location", signingKey.publicKeyFile().toUri().toString());
        System.setProperty("mp.jwt.verify.issuer", DevTokens.ISSUER);
        // The services' own key pair: they sign their background calls (service tokens) with it and verify them.
        SigningKey serviceKey = serviceKey();
        System.setProperty("kogu.service-tokens.public-key-location", serviceKey.publicKeyFile().toUri().toString());
        System.setProperty("kogu.service-tokens.private-key-location", serviceKey.privateKeyFile().toString());
    }

    private static String moduleName() {
        String folder = Path.of(System.getProperty("user.dir")).getFileName().toString();
        return "kogu_test_" + folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static void dropThisRunsDatabases() {
        try (Connection connection = DriverManager.getConnection(System.getProperty(SERVER_URL));
             PreparedStatement names = connection.prepareStatement(
                     "select datname from pg_database where datname like 'kogu\\_%' and right(datname, ?) = ?")) {
            String suffix = "_" + System.getProperty(RUN_SUFFIX);
            names.setInt(1, suffix.length());
            names.setString(2, suffix);
            try (ResultSet rows = names.executeQuery()) {
                while (rows.next()) {
                    database().dropDatabase(rows.getString(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("Could not drop this test run's databases: " + e.getMessage());
        }
    }
}
