package vn.loaxa.common.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ServiceUnavailableException;

/** Test-only endpoints that fail, so that the error contract can be seen from outside. */
@Path("/api/v1/test-failures")
@Authenticated
public class FailingTestResource {
    static final String SECRET = "internal detail that must not leak";

    @GET
    @Path("unexpected")
    public String unexpected() {
        throw new IllegalStateException(SECRET);
    }

    @GET
    @Path("unavailable")
    public String unavailable() {
        throw new ServiceUnavailableException("Try again later");
    }
}
