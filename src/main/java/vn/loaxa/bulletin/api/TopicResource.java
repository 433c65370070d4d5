package vn.loaxa.bulletin.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.service.BulletinService;

@Path("/api/v1/topics")
@RolesAllowed(Roles.USER)
public class TopicResource {
    private final BulletinService service;

    public TopicResource(BulletinService service) {
        this.service = service;
    }

    public record TopicView(String code, String nameVi, String nameEn) {}

    @GET
    public List<TopicView> list() {
        return service.topics().stream()
                .map(t -> new TopicView(t.code, t.nameVi, t.nameEn))
                .toList();
    }
}
