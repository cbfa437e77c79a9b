package io.kogu.devkit;

import java.net.URI;

/**
 * An existing PostgreSQL server, named by a JDBC URL of any database on it with the credentials of a user
 * who may create databases, for example {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
 */
public final class ExternalDatabase extends Database {

    private final String prefix;
    private final String adminDatabase;
    private final String query;

    public ExternalDatabase(String adminJdbcUrl) {
        if (!adminJdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("Expected a jdbc:postgresql:// URL, got " + adminJdbcUrl);
        }
        URI uri = URI.create(adminJdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        this.prefix = "jdbc:postgresql://" + uri.getRawAuthority() + "/";
        this.adminDatabase = path.substring(1);
        this.query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    }

    @Override
    public String jdbcUrl(String database) {
        return prefix + database + query;
    }

    @Override
    protected String adminDatabase() {
        return adminDatabase;
    }
}
