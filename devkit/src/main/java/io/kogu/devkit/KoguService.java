package io.kogu.devkit;

/** The three services: their Maven module, default port and database name. */
public enum KoguService {
    CONTENT("content-service", 8081, "kogu_content"),
    AUDIENCE("audience-service", 8082, "kogu_audience"),
    METRICS("metrics-service", 8083, "kogu_metrics");

    private final String module;
    private final int defaultPort;
    private final String database;

    KoguService(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String database() {
        return database;
    }

    /** Environment variable that overrides the port, e.g. {@code KOGU_CONTENT_PORT}. */
    public String portVariable() {
        return "KOGU_" + name() + "_PORT";
    }
}
