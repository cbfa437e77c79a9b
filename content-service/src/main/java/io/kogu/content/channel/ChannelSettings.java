package io.kogu.content.channel;

import java.util.List;
import java.util.Map;

/** What an admin sets on a channel. {@code credentials} null or empty keeps the stored ones. */
public record ChannelSettings(String network, String handle, String displayName, Map<String, String> credentials,
        String timeZone, List<Channel.PostingWindow> postingWindows, Integer maxCharacters, Map<String, String> connection) {

    /** Never prints the credentials: this record may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "ChannelSettings[network=" + network + ", handle=" + handle + ", timeZone=" + timeZone + "]";
    }
}
