package io.kogu.content.publish.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every connector bean, by network. A network without one is refused when a draft is scheduled for it. */
@ApplicationScoped
public class Connectors {

    private final Map<String, Connector> byNetwork = new TreeMap<>();

    @Inject
    public Connectors(Instance<Connector> connectors) {
        for (Connector connector : connectors) {
            Connector previous = byNetwork.put(connector.network(), connector);
            if (previous != null) {
                throw new IllegalStateException("two connectors for " + connector.network());
            }
        }
    }

    public Optional<Connector> forNetwork(String network) {
        return Optional.ofNullable(byNetwork.get(network));
    }

    public Set<String> networks() {
        return byNetwork.keySet();
    }
}
