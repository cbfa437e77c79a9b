package io.kogu.platform.security;

/** The roles of the {@code groups} claim (see ARCHITECTURE.md, "Identity, tenancy, roles"). */
public final class Roles {

    /** Reads content, audience and metrics. */
    public static final String VIEWER = "viewer";
    /** Writes content, members and events. */
    public static final String EDITOR = "editor";
    /** Approves and schedules content. */
    public static final String APPROVER = "approver";
    /** Manages channels, segments and settings. */
    public static final String ADMIN = "admin";
    /** A machine client that writes events and members. */
    public static final String INTEGRATION = "integration";
    /** A Kogu service acting in the background; the only role that may name the workspace in a header. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
