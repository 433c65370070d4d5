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
import java.util.Map;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.service.AccountService;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.language.service.LanguageService;

/**
 * "Tài khoản": people's accounts with their role (by its name) and area (by its name). The administrator creates
 * one, and for the account chosen in the list ({@code ?account=<name>}) changes its role and area, resets its
 * password, or locks and unlocks it. The forms call the accounts API from the page (loaxa.js).
 */
@Path("/accounts")
@RolesAllowed(Roles.ADMIN)
public class AccountsPage {
    private final Ui ui;
    private final Template accounts;
    private final AccountService service;
    private final AreaService areas;
    private final LanguageService languages;

    public AccountsPage(
            Ui ui,
            @Location("accounts.html") Template accounts,
            AccountService service,
            AreaService areas,
            LanguageService languages) {
        this.languages = languages;
        this.ui = ui;
        this.accounts = accounts;
        this.service = service;
        this.areas = areas;
    }

    /** One account as the list shows it: its area by name (null: the whole country), and whether it is the viewer. */
    public record Row(AccountView account, String areaName, String created, boolean self) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("account") String account, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        List<AreaOptions.AreaOption> options = AreaOptions.of(areas.tree());
        Map<String, String> names = AreaOptions.names(options);
        String me = security.getUserPrincipal().getName();
        List<Row> rows = service.list().stream()
                .sorted(java.util.Comparator.comparing(AccountView::username))
                .map(a -> new Row(
                        a,
                        a.areaCode() == null ? null : names.getOrDefault(a.areaCode(), a.areaCode()),
                        Formats.day(
                                a.createdAt() == null
                                        ? null
                                        : a.createdAt()
                                                .atZoneSameInstant(Ui.ZONE)
                                                .toLocalDate()),
                        a.username().equals(me)))
                .toList();
        Row chosen = rows.stream()
                .filter(r -> r.account().username().equals(account))
                .findFirst()
                .orElse(null);
        return ui.page(accounts, "accounts", lang, security, "/accounts")
                .data("rows", rows)
                .data("chosen", chosen)
                .data("roles", Roles.ACCOUNT_ROLES)
                .data("areaOptions", options)
                .data("languages", languages.catalogue())
                .data("languageNames", LibraryPage.languageNames(languages.catalogue(), lang));
    }
}
