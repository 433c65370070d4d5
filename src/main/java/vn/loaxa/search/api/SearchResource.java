package vn.loaxa.search.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.search.service.SearchService;

@Path("/api/v1/search")
@RolesAllowed({Roles.VIEW, Roles.AUTHOR})
public class SearchResource {
    private final SearchService service;
    private final AccessGuard guard;

    public SearchResource(SearchService service, AccessGuard guard) {
        this.guard = guard;
        this.service = service;
    }

    /** Titles, transcripts and topics of media and bulletins; with or without diacritics; best matches first. */
    @GET
    public List<SearchHit> search(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw new InvalidRequestException("q", ErrorMessage.of("search.query"));
        }
        if (limit < 1 || limit > 100) {
            throw new InvalidRequestException("limit", ErrorMessage.of("search.limit"));
        }
        return service.search(q, limit, guard.scope());
    }
}
