package vn.loaxa.dispatch.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.loaxa.account.Roles;
import vn.loaxa.dispatch.protocol.ServerTimeMessage;

/** The server clock, from which receivers estimate their offset NTP-style (docs/protocol.md, "Time"). */
@Path("/api/v1/time")
@RolesAllowed({Roles.RECEIVER, Roles.USER})
public class TimeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ServerTimeMessage now() {
        return ServerTimeMessage.now();
    }
}
