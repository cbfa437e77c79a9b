package io.kogu.content.channel;

import java.util.LinkedHashMap;

/**
 * Channel credentials as the API reads them ({@code ChannelInput.credentials}, see the contract's
 * {@code x-setter-extra-annotation}): a map whose {@code toString()} names the keys but never a value, so that
 * the generated {@code ChannelInput.toString()}, a log line or an exception message cannot print a token.
 */
public class SecretMap extends LinkedHashMap<String, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "{" + String.join("=***, ", keySet()) + (isEmpty() ? "" : "=***") + "}";
    }
}
