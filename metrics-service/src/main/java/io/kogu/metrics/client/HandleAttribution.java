package io.kogu.metrics.client;

import io.kogu.metrics.client.audience.MembersApi;
import io.kogu.metrics.client.audience.model.Handle;
import io.kogu.metrics.client.audience.model.HandleResolution;
import io.kogu.metrics.client.audience.model.Network;
import io.kogu.metrics.client.audience.model.ResolvedHandle;
import io.kogu.platform.text.Handles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Attributes events that name their actor by handle (issue 12): asks audience-service which members hold the
 * handles ({@code POST /v1/members/resolve-handles}, up to 10,000 a call, on the caller's behalf), matched as every
 * service matches handles ({@link Handles}). Best effort: when audience-service does not answer in time, the events
 * are stored with their handle and without member (unattributed), and ingestion goes on. With
 * {@code kogu.attribution.create-missing=true} unknown handles become potential fans in audience-service.
 */
@ApplicationScoped
public class HandleAttribution {

    private static final Logger LOG = Logger.getLogger(HandleAttribution.class);
    public static final int MAX_HANDLES_PER_CALL = 10_000;

    /** One handle on one network. */
    public record NetworkHandle(String network, String handle) {
        public String key() {
            return network + " " + Handles.normalize(network, handle);
        }
    }

    @Inject
    @RestClient
    MembersApi members;

    @ConfigProperty(name = "kogu.attribution.create-missing", defaultValue = "false")
    boolean createMissing;

    /**
     * The member of each of {@code handles} that audience-service knows, by {@link NetworkHandle#key()}; null when
     * audience-service did not answer.
     */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "unattributed")
    public Map<String, UUID> resolve(List<NetworkHandle> handles) throws Exception {
        Map<String, NetworkHandle> distinct = new LinkedHashMap<>();
        handles.forEach(h -> distinct.putIfAbsent(h.key(), h));
        Map<String, UUID> found = new HashMap<>();
        List<NetworkHandle> all = new ArrayList<>(distinct.values());
        for (int from = 0; from < all.size(); from += MAX_HANDLES_PER_CALL) {
            List<NetworkHandle> part = all.subList(from, Math.min(all.size(), from + MAX_HANDLES_PER_CALL));
            HandleResolution request = new HandleResolution().handles(part.stream()
                    .map(h -> new Handle().network(Network.fromValue(h.network())).handle(h.handle())).toList());
            if (createMissing) {
                request.createMissingAs(HandleResolution.CreateMissingAsEnum.POTENTIAL_FAN);
            }
            for (ResolvedHandle resolved : members.resolveMemberHandles(request).getItems()) {
                if (resolved.getMemberId() != null) {
                    found.put(new NetworkHandle(resolved.getNetwork().toString(), resolved.getHandle()).key(),
                            resolved.getMemberId());
                }
            }
        }
        return found;
    }

    Map<String, UUID> unattributed(List<NetworkHandle> handles, Throwable failure) {
        LOG.warnf("audience-service could not resolve %d handle(s): %s", handles.size(), failure.toString());
        return null;
    }
}
