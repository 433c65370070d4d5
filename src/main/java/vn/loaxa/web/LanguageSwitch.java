package vn.loaxa.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code GET /lang?to=en&back=/map}: remembers the UI language in a cookie and returns to the page. */
@Path("/lang")
public class LanguageSwitch {
    private static final int ONE_YEAR = 365 * 24 * 3600;

    @GET
    @PermitAll
    public Response switchTo(@QueryParam("to") String to, @QueryParam("back") String back) {
        String lang = Ui.language(to);
        NewCookie cookie = new NewCookie.Builder(Ui.LANG_COOKIE)
                .value(lang)
                .path("/")
                .maxAge(ONE_YEAR)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        return Response.seeOther(URI.create(isLocalPath(back) ? back : "/"))
                .cookie(cookie)
                .build();
    }

    /** Only a path on this server, never another site (no open redirect). */
    static boolean isLocalPath(String back) {
        return back != null
                && back.startsWith("/")
                && !back.startsWith("//")
                && !back.contains("\\")
                && back.chars().noneMatch(Character::isISOControl);
    }
}
