package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.audit.service.AuditService;

/** The audit log for administrators, newest first, filterable by who and by target. */
@Path("/audit")
@RolesAllowed(Roles.ADMIN)
public class AuditPage {
    private static final int SHOWN = 300;
    private static final List<String> TARGET_TYPES = List.of(
            "accounts",
            "areas",
            "broadcasts",
            "bulletins",
            "inbox",
            "media",
            "receiver-groups",
            "receivers",
            "schedules",
            "tokens");

    private final Ui ui;
    private final Template audit;
    private final AuditService service;

    public AuditPage(Ui ui, @Location("audit.html") Template audit, AuditService service) {
        this.ui = ui;
        this.audit = audit;
        this.service = service;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("actor") String actor,
            @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        return ui.page(audit, "audit", lang, security, "/audit")
                .data("actor", blankToEmpty(actor))
                .data("targetType", blankToEmpty(targetType))
                .data("targetId", blankToEmpty(targetId))
                .data("targetTypes", TARGET_TYPES)
                .data(
                        "entries",
                        service.search(
                                blankToNull(actor), blankToNull(targetType), blankToNull(targetId), null, null, SHOWN));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }
}
