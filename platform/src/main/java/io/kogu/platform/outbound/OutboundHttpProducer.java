package io.kogu.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;

/** One guarded client per service, configured by {@code kogu.outbound.*}. */
@ApplicationScoped
public class OutboundHttpProducer {

    @Produces
    @Singleton
    OutboundHttp outboundHttp(OutboundSettings settings) {
        return OutboundHttp.of(settings);
    }

    void close(@Disposes OutboundHttp http) throws IOException {
        http.close();
    }
}
