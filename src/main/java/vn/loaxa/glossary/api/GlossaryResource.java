package vn.loaxa.glossary.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.glossary.service.GlossaryCsv;
import vn.loaxa.glossary.service.GlossaryService;

/**
 * The glossary: every person reads it, searches it and finds its terms in a source text; authors (editors, operators,
 * providers) write it, one entry at a time or by CSV import.
 */
@Path("/api/v1/glossary")
@RolesAllowed(Roles.USER)
public class GlossaryResource {
    public static final String CSV = "text/csv";

    private final GlossaryService service;

    public GlossaryResource(GlossaryService service) {
        this.service = service;
    }

    @GET
    public List<GlossaryEntryView> search(
            @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("language") String language,
            @QueryParam("domain") String domain,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        return service.search(q, language, domain, limit);
    }

    @GET
    @Path("{id}")
    public GlossaryEntryView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @RolesAllowed(Roles.AUTHOR)
    public Response create(@Valid @NotNull GlossaryEntryRequest request, SecurityContext security) {
        GlossaryEntryView created =
                service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/glossary/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.AUTHOR)
    public GlossaryEntryView update(
            @PathParam("id") UUID id, @Valid @NotNull GlossaryEntryRequest request, SecurityContext security) {
        return service.update(id, request, security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.AUTHOR)
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    /** The entries whose Vietnamese term occurs in a short text, with their term in {@code language}. */
    @GET
    @Path("matches")
    public List<GlossaryMatch> matches(
            @QueryParam("text") @NotNull @Size(max = GlossaryLimits.MAX_QUERY_TEXT) String text,
            @QueryParam("language") String language) {
        return service.matches(text, language);
    }

    /** As {@code GET matches}, for a text of any length up to a long bulletin's. */
    @POST
    @Path("matches")
    public List<GlossaryMatch> matches(@Valid @NotNull MatchRequest request) {
        return service.matches(request.text(), request.language());
    }

    @GET
    @Path("export")
    @Produces(CSV + "; charset=UTF-8")
    public Response export() {
        return Response.ok(service.exportCsv())
                .header("Content-Disposition", "attachment; filename=\"thuat-ngu.csv\"")
                .build();
    }

    /**
     * A CSV file in UTF-8 (a byte order mark is fine), or in the charset its content type names; all of it is stored,
     * or nothing.
     */
    @POST
    @Path("import")
    @Consumes({CSV, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.AUTHOR)
    public ImportResult importCsv(byte[] body, @Context HttpHeaders headers, SecurityContext security) {
        MediaType type = headers.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return service.importCsv(
                GlossaryCsv.text(body, charset), security.getUserPrincipal().getName());
    }
}
