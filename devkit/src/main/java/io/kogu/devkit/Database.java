package io.kogu.devkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server that Kogu's databases live in: the embedded one, or an existing server named by an
 * admin JDBC URL. Each service gets its own database on it.
 */
public abstract class Database implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** JDBC URL of the named database, with the credentials to use it. */
    public abstract String jdbcUrl(String database);

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        requireName(name);
        try (Connection admin = DriverManager.getConnection(jdbcUrl(adminDatabase()));
             PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database if it exists (tests against a shared server clean up after themselves). */
    public void dropDatabase(String name) {
        requireName(name);
        try (Connection admin = DriverManager.getConnection(jdbcUrl(adminDatabase()));
             Statement drop = admin.createStatement()) {
            drop.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name + ": " + e.getMessage(), e);
        }
    }

    protected String adminDatabase() {
        return "postgres";
    }

    private static void requireName(String name) {
        // Database names cannot be bound as parameters, so they are whitelisted instead.
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name Kogu makes: " + name);
        }
    }

    @Override
    public void close() {
    }
}
