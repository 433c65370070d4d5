package vn.loaxa.dispatch.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.loaxa.account.Roles;
import vn.loaxa.dispatch.broker.MosquittoFiles;

/** The files that give a Mosquitto broker loaxa's device isolation (infra/mosquitto/README.md). */
@Path("/api/v1/broker/mosquitto")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_PLAIN)
public class BrokerResource {
    private final MosquittoFiles files;

    public BrokerResource(MosquittoFiles files) {
        this.files = files;
    }

    @GET
    @Path("passwd")
    public String passwordFile() {
        return files.passwordFile();
    }

    @GET
    @Path("acl")
    public String aclFile() {
        return files.aclFile();
    }
}
