package io.kogu.platform.security;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.regex.Pattern;

/**
 * Who is calling and for which workspace. Every query is scoped by {@link #workspaceId()}; the workspace comes
 * from the token's {@code workspace} claim, or for the {@code service} role from the {@code Kogu-Workspace}
 * header.
 */
@RequestScoped
public class Caller {

    public static final String WORKSPACE_CLAIM = "workspace";
    public static final String WORKSPACE_HEADER = "Kogu-Workspace";
    /**
     * The allowed form of a workspace id (common.yaml, bearerAuth): 1 to 100 of letters, digits, '.', '_' and '-',
     * starting with a letter or digit, so that "." and ".." (and ids that look like paths) are refused.
     */
    public static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Inject
    JsonWebToken token;

    @Inject
    CurrentVertxRequest request;

    private String workspaceId;
    /** Set by {@link #actAsService}: a background task's request context, no token behind it. */
    private boolean background;

    /**
     * Makes this request context (one a background task activated, never an HTTP request's) act as this service for
     * {@code workspaceId}: {@link #workspaceId()} answers it and {@link #hasRole} only {@code service}, so that a call
     * to another service made on its behalf carries a fresh service token and the workspace header
     * ({@link ForwardCallerToken}), as the background calls of the outbox do.
     */
    public void actAsService(String workspaceId) {
        if (request.getCurrent() != null) {
            throw new IllegalStateException("Only a background task may act as the service");
        }
        if (workspaceId == null || !WORKSPACE.matcher(workspaceId).matches()) {
            throw new IllegalArgumentException("Not a workspace id");
        }
        this.workspaceId = workspaceId;
        this.background = true;
    }

    public String workspaceId() {
        if (workspaceId == null) {
            workspaceId = resolveWorkspace();
            // From here on every log line of the request names its workspace.
            org.jboss.logging.MDC.put(io.kogu.platform.tracing.TraceContext.WORKSPACE_MDC_KEY, workspaceId);
        }
        return workspaceId;
    }

    /** The token's subject, kept as the author of what the caller creates. */
    public String subject() {
        String subject = token.getSubject();
        return subject != null ? subject : token.getName();
    }

    /**
     * The caller's name for people to read, from the token's OIDC {@code name} claim, else
     * {@code preferred_username}; null when the token has neither. Trimmed, without control characters, at most
     * {@link #MAX_NAME} characters: it is shown next to what the caller did, never used to decide anything.
     */
    public String name() {
        for (String claim : new String[] {"name", "preferred_username"}) {
            Object value = token.getClaim(claim);
            String text = value instanceof String string ? string
                    : value instanceof jakarta.json.JsonString json ? json.getString() : null;
            if (text != null) {
                String clean = text.replaceAll("\\p{Cntrl}", "").strip();
                if (!clean.isEmpty()) {
                    int points = clean.codePointCount(0, clean.length());
                    return points > MAX_NAME ? clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME)) : clean;
                }
            }
        }
        return null;
    }

    /** The longest name kept ({@link #name()}). */
    public static final int MAX_NAME = 200;

    /** The raw bearer token, forwarded when this service calls another on the caller's behalf. */
    public String bearerToken() {
        return token.getRawToken();
    }

    public boolean hasRole(String role) {
        if (background) {
            return Roles.SERVICE.equals(role);
        }
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    private String resolveWorkspace() {
        Object claim = token.getClaim(WORKSPACE_CLAIM);
        String workspace;
        if (claim == null) {
            workspace = null;
        } else if (claim instanceof String text) {
            workspace = text;
        } else if (claim instanceof jakarta.json.JsonString json) {
            workspace = json.getString();
        } else {
            // A number, an object, an array: the token is not one a Kogu issuer makes.
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token's 'workspace' claim is not a string");
        }
        String header = request.getCurrent().request().getHeader(WORKSPACE_HEADER);
        if (header != null && hasRole(Roles.SERVICE)) {
            workspace = header;
        }
        if (workspace == null || !WORKSPACE.matcher(workspace).matches()) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The token names no workspace (claim 'workspace'), or one that is not valid");
        }
        return workspace;
    }
}
