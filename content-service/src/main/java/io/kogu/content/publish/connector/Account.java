package io.kogu.content.publish.connector;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The channel a post goes to: its handle, its non-secret connection settings (an instance URL, a webhook URL, a
 * blog URL) and its credentials, opened for this call only. Credentials a connector renews are handed back with
 * {@link #replaceCredentials}; the publisher seals and stores them.
 */
public final class Account {

    private final UUID channelId;
    private final String workspaceId;
    private final String network;
    private final String handle;
    private final Map<String, String> settings;
    private Map<String, String> credentials;
    private boolean credentialsReplaced;

    public Account(UUID channelId, String workspaceId, String network, String handle, Map<String, String> settings,
                   Map<String, String> credentials) {
        this.channelId = channelId;
        this.workspaceId = workspaceId;
        this.network = network;
        this.handle = handle;
        this.settings = Map.copyOf(settings);
        this.credentials = Map.copyOf(credentials);
    }

    public UUID channelId() {
        return channelId;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String network() {
        return network;
    }

    public String handle() {
        return handle;
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> credential(String name) {
        return Optional.ofNullable(credentials.get(name)).filter(v -> !v.isBlank());
    }

    /** A credential the channel cannot publish without: its absence fails the publication with a reason to act on. */
    public String requiredCredential(String name) throws PublishFailure {
        return credential(name).orElseThrow(() -> PublishFailure.rejected(null, "missing_credentials",
                "the channel has no '" + name + "' credential: set it on the channel"));
    }

    public String requiredSetting(String name) throws PublishFailure {
        return setting(name).orElseThrow(() -> PublishFailure.rejected(null, "missing_setting",
                "the channel has no '" + name + "' connection setting: set it on the channel"));
    }

    public Map<String, String> credentials() {
        return credentials;
    }

    /** Replaces every credential (e.g. a renewed access and refresh token); stored sealed after the attempt. */
    public void replaceCredentials(Map<String, String> renewed) {
        this.credentials = Map.copyOf(renewed);
        this.credentialsReplaced = true;
    }

    public boolean credentialsReplaced() {
        return credentialsReplaced;
    }

    /** Never prints settings or credentials. */
    @Override
    public String toString() {
        return "Account[" + network + " " + handle + " channel " + channelId + "]";
    }
}
