package io.kogu.bench.bare;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The bare application's one endpoint: reads the one table, so a request goes through Hibernate and the pool. */
@Path("/hello")
public class Hello {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public List<Greeting> hello() {
        return Greeting.listAll();
    }
}
