package io.kogu.content.connect;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One network's OAuth 2.0 authorization code flow (a CDI bean per network, citing the pages it follows): the
 * authorization URL a connection starts with, and the exchange of the code the network sends back for the tokens
 * Kogu stores (sealed, as the channel's credentials). Both may call the network, always outside transactions and
 * through the outbound guard. Failures are {@link io.kogu.platform.problem.ProblemException}s: 422 when the network
 * refused (a code it does not take), 503 when it did not answer.
 */
public interface OAuthNetwork {

    /** The contract's {@code Network} values this flow connects. */
    Set<String> networks();

    /**
     * Where to send the browser. {@link Authorization#pending} is kept sealed with the state until the callback (an
     * instance's client id and secret, say).
     */
    Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge);

    /** Exchanges the code (with the PKCE verifier) for the channel's credentials and connection settings. */
    Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier);

    /** The channel being connected. */
    record Target(UUID channelId, String workspaceId, String network, String handle, Map<String, String> connection) {
    }

    record Authorization(URI url, Map<String, String> pending) {
    }

    /**
     * What the exchange got: the channel's new credentials ({@code accessToken}, {@code refreshToken},
     * {@code expiresAt} as an ISO-8601 instant, or the network's own names) and connection settings to add.
     */
    record Tokens(Map<String, String> credentials, Map<String, String> connection) {
    }
}
