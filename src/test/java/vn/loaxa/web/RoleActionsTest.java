package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/**
 * Every role sees what it may do, and nothing it may not. For each person of the demo's roles (held here over a
 * copy of the demo's slice of Lạng Sơn, so that the test owns its data), the test logs in through the login form,
 * visits every page the header offers and the detail pages reachable from them, lists every action the pages show
 * (the forms loaxa.js sends, its buttons, htmx attributes, links and players into the API, GET filters), and performs
 * each as the page's script would: same method, URL, CSRF header and session, with a body that may fail validation.
 * None may be refused (401 or 403) or fail (5xx). Each role must see the actions its role grants (docs/security.md,
 * "Roles and areas", restated here) and none of the others, whose API calls must answer 403; a supervisor's pages
 * hold nothing but reads.
 */
@QuarkusTest
class RoleActionsTest {
    private static final String PASSWORD = "role-actions-password";
    private static final String PROVINCE = "RAP";
    private static final String THAT_KHE = "RAP-TK";
    private static final String BINH_GIA = "RAP-BG";
    private static final String NA_AN = "RAP-TK-NA";
    private static final String RX_THAT_KHE = "ra-thatkhe-01";
    private static final String RX_BINH_GIA = "ra-binhgia-01";
    private static final String EDITOR = "bientap.langson";
    private static final String APPROVER = "duyet.langson";
    private static final String COMMUNE_OPERATOR = "vanhanh.thatkhe";
    private static final String PROVINCE_OPERATOR = "vanhanh.langson";
    private static final String PROVIDER = "cungcap.langson";
    private static final String SUPERVISOR = "giamsat.thatkhe";
    private static final String ZONE = "Asia/Ho_Chi_Minh";
    private static final Pattern UUID_IN_URL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NAMED_IN_URL =
            Pattern.compile("/(receivers|areas|accounts|receiver-groups)/([^/?#]+)");
    /** Query parameters that choose one thing on a page (a commune's inbox, the account or area to administer). */
    private static final Pattern CHOSEN_IN_URL = Pattern.compile("[?&](commune|receiver|group|area|account)=([^&#]+)");
    /** An account of the test's own for the administrator's account forms (change, reset, lock). */
    private static final String SPARE_ACCOUNT = "ra.tamthoi";

    /** The capabilities of docs/security.md's role table; ADMIN: the administration of accounts and areas. */
    enum Capability {
        VIEW,
        AUTHOR,
        SCHEDULE,
        APPROVE,
        ADMIN
    }

    private static final Map<String, Set<Capability>> CAN = Map.of(
            "admin", EnumSet.allOf(Capability.class),
            "editor", EnumSet.of(Capability.VIEW, Capability.AUTHOR, Capability.APPROVE),
            "operator", EnumSet.of(Capability.VIEW, Capability.AUTHOR, Capability.SCHEDULE),
            "provider", EnumSet.of(Capability.AUTHOR),
            "supervisor", EnumSet.of(Capability.VIEW));

    /** Every state-changing action the pages may show, by the capability it needs. */
    private static final Map<String, Capability> CHANGES = Map.ofEntries(
            Map.entry("upload", Capability.AUTHOR),
            Map.entry("tts", Capability.AUTHOR),
            Map.entry("bulletin", Capability.AUTHOR),
            Map.entry("submit", Capability.AUTHOR),
            Map.entry("media-delete", Capability.AUTHOR),
            Map.entry("glossary-create", Capability.AUTHOR),
            Map.entry("glossary-import", Capability.AUTHOR),
            Map.entry("approve", Capability.APPROVE),
            Map.entry("reject", Capability.APPROVE),
            Map.entry("broadcast", Capability.SCHEDULE),
            Map.entry("go-live", Capability.SCHEDULE),
            Map.entry("preview", Capability.SCHEDULE),
            Map.entry("cancel-broadcast", Capability.SCHEDULE),
            Map.entry("cancel-occurrence", Capability.SCHEDULE),
            Map.entry("cancel-series", Capability.SCHEDULE),
            Map.entry("command", Capability.SCHEDULE),
            Map.entry("inbox-accept", Capability.SCHEDULE),
            Map.entry("inbox-accept-at", Capability.SCHEDULE),
            Map.entry("inbox-decline", Capability.SCHEDULE),
            Map.entry("inbox-policy", Capability.SCHEDULE),
            Map.entry("receiver-provision", Capability.SCHEDULE),
            Map.entry("receiver-move", Capability.SCHEDULE),
            Map.entry("receiver-rotate", Capability.SCHEDULE),
            Map.entry("receiver-revoke", Capability.SCHEDULE),
            Map.entry("group-create", Capability.SCHEDULE),
            Map.entry("group-change", Capability.SCHEDULE),
            Map.entry("group-delete", Capability.SCHEDULE),
            Map.entry("account-create", Capability.ADMIN),
            Map.entry("account-change", Capability.ADMIN),
            Map.entry("account-password", Capability.ADMIN),
            Map.entry("account-lock", Capability.ADMIN),
            Map.entry("area-create", Capability.ADMIN),
            Map.entry("area-rename", Capability.ADMIN),
            Map.entry("area-outline", Capability.ADMIN),
            // operators may set an area's languages through the API; the page that offers it is the admin's
            Map.entry("area-languages", Capability.ADMIN),
            Map.entry("area-required", Capability.ADMIN));

    /** The reads every viewer is offered: report exports and the GET filters. */
    private static final Set<String> VIEWER_READS = Set.of("export", "filter");

    record Person(String username, String role, String area) {
        Set<Capability> can() {
            return CAN.get(role);
        }

        /** The state-changing actions this person must be shown (given the data made for them). */
        Set<String> expectedChanges() {
            Set<String> kinds = new TreeSet<>();
            CHANGES.forEach((kind, needs) -> {
                if (can().contains(needs)) {
                    kinds.add(kind);
                }
            });
            if (username.equals(EDITOR)) { // the author of the bulletins waiting for approval: four-eyes
                kinds.removeAll(Set.of("approve", "reject"));
            }
            return kinds;
        }
    }

    private static final List<Person> PEOPLE = List.of(
            new Person(Api.ADMIN, "admin", null),
            new Person(EDITOR, "editor", PROVINCE),
            new Person(APPROVER, "editor", PROVINCE),
            new Person(COMMUNE_OPERATOR, "operator", THAT_KHE),
            new Person(PROVINCE_OPERATOR, "operator", PROVINCE),
            new Person(PROVIDER, "provider", PROVINCE),
            new Person(SUPERVISOR, "supervisor", THAT_KHE));

    /** An action a page offers, and the request the browser would send for it. */
    record Action(String page, String kind, String method, String url, Object body, boolean multipart, boolean stream) {
        boolean changesState() {
            return !"GET".equals(method);
        }
    }

    /** One line of the printed table. */
    record Tried(String who, String page, String kind, String method, String url, int status) {}

    /** What the test made for one person's visit, so that their pages have rows and per-row actions. */
    record Visit(
            String sharedMedia,
            String ownMedia,
            String ownDraft,
            String submitted,
            String single,
            String series,
            String inboxItem,
            OffsetDateTime firstAiring,
            String group) {}

    private static final Set<String> OURS = new LinkedHashSet<>();
    private static String sharedMedia;
    private static String approvedBulletin;
    private static Path wav;

    @Test
    void everyRoleSeesTheActionsItMayTakeAndNoneItMayNot() throws Exception {
        langSonSlice();
        List<Tried> table = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (Person person : PEOPLE) {
            Visit visit = visitFor(person);
            CookieFilter session = person.username().equals(Api.ADMIN)
                    ? FormLogin.asAdmin()
                    : FormLogin.as(person.username(), PASSWORD);
            List<Action> shown = crawl(person, session, visit, softly);
            // reads first, so that what a change removes (a deleted recording's audio) was read while it existed
            List<Action> readsFirst = new ArrayList<>(shown);
            readsFirst.sort(java.util.Comparator.comparing(Action::changesState));
            for (Action action : readsFirst) {
                int status = perform(action, session);
                table.add(new Tried(
                        person.username(), action.page(), action.kind(), action.method(), action.url(), status));
                softly.assertThat(status)
                        .as(
                                "%s: %s %s %s on %s",
                                person.username(), action.kind(), action.method(), action.url(), action.page())
                        .isNotIn(401, 403)
                        .isLessThan(500);
            }
            Set<String> kinds = shown.stream().map(Action::kind).collect(Collectors.toCollection(TreeSet::new));
            Set<String> changes = shown.stream()
                    .filter(Action::changesState)
                    .map(Action::kind)
                    .collect(Collectors.toCollection(TreeSet::new));
            softly.assertThat(changes)
                    .as("%s (%s) is shown exactly the changes the role grants", person.username(), person.role())
                    .isEqualTo(person.expectedChanges());
            if (person.can().contains(Capability.VIEW)) {
                softly.assertThat(kinds).as("%s's reads", person.username()).containsAll(VIEWER_READS);
            }
            if (!person.can().contains(Capability.VIEW)) { // no dashboards: the overview sends them to the library
                softly.assertThat(shown)
                        .as("%s is shown no dashboard", person.username())
                        .noneMatch(a -> a.page().equals("/") || a.url().startsWith("/fragments/"));
                softly.assertThat(given().filter(session)
                                .accept("text/html")
                                .get("/fragments/today")
                                .statusCode())
                        .as("%s reads today's broadcasts", person.username())
                        .isEqualTo(403);
            }
            if (person.role().equals("supervisor")) {
                softly.assertThat(shown)
                        .as("a supervisor's pages are read-only")
                        .isNotEmpty()
                        .allSatisfy(a -> assertThat(a.method()).as(a.toString()).isEqualTo("GET"));
            }
            for (Action lacking : lackingCalls(person, visit)) {
                int status = perform(lacking, session);
                table.add(new Tried(
                        person.username(), "(not shown)", lacking.kind(), lacking.method(), lacking.url(), status));
                softly.assertThat(status)
                        .as("%s lacks %s: %s %s", person.username(), lacking.kind(), lacking.method(), lacking.url())
                        .isEqualTo(403);
            }
        }
        print(table);
        softly.assertAll();
    }

    // ---------------------------------------------------------------- crawling

    /** The header's pages for this person, the detail pages of the test's things they link to, and their fragments. */
    private static List<Action> crawl(Person person, CookieFilter session, Visit visit, SoftAssertions softly) {
        Document home = page(session, "/", softly, person);
        List<String> pages = new ArrayList<>();
        for (Element link : home.select("header nav a[href]")) {
            String href = link.attr("href");
            // the week of the test's airings in Vietnam, which is the next one when the UTC date is still Sunday
            pages.add(
                    href.equals("/schedule")
                            ? "/schedule?week="
                                    + visit.firstAiring()
                                            .atZoneSameInstant(Ui.ZONE)
                                            .toLocalDate()
                            : href);
        }
        softly.assertThat(pages).as("%s's header", person.username()).contains("/library");
        List<Action> actions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(pages);
        List<String> details = new ArrayList<>();
        for (String path : pages) {
            Document doc = page(session, path, softly, person);
            actions.addAll(actionsOf(path, doc, visit));
            for (Element a : doc.select("a[href^=/broadcasts/], a[href^=/receivers/]")) {
                String href = a.attr("href");
                if (ours(href) && seen.add(href)) {
                    details.add(href);
                }
            }
            // the thing to administer, chosen in a list (a receiver, a group, an area, an account)
            for (Element a : doc.select("a[href^=/receivers?receiver=], a[href^=/groups?group=], "
                    + "a[href^=/areas?area=], a[href^=/accounts?account=]")) {
                String href = a.attr("href").replaceAll("#.*", "");
                if (ours(href) && seen.add(href)) {
                    details.add(href);
                }
            }
            for (Element option : doc.select("select#inbox-commune option")) {
                String href = "/inbox?commune=" + option.attr("value");
                if (ours(href) && seen.add(href)) {
                    details.add(href);
                }
            }
        }
        for (String path : details) {
            actions.addAll(actionsOf(path, page(session, path, softly, person), visit));
        }
        // htmx fragments of the test's things (a bulletin's variants, today's broadcasts): their actions too
        List<Action> fragments = actions.stream()
                .filter(a -> a.kind().equals("fragment") && a.method().equals("GET") && ours(a.url()))
                .toList();
        for (Action fragment : fragments) {
            if (seen.add(fragment.url())) {
                String html = given().filter(session).get(fragment.url()).asString();
                List<Action> inside = actionsOf(fragment.url(), Jsoup.parseBodyFragment(html), visit);
                // what a fragment of the test's things names (a variant's audio) belongs to the test too
                inside.forEach(a -> {
                    Matcher ids = UUID_IN_URL.matcher(a.url());
                    while (ids.find()) {
                        OURS.add(ids.group());
                    }
                });
                actions.addAll(inside);
            }
        }
        return actions.stream()
                .filter(a -> ours(a.url()) || (a.changesState() && person.area() != null))
                .toList();
    }

    private static Document page(CookieFilter session, String path, SoftAssertions softly, Person person) {
        Response response = given().filter(session).accept("text/html").get(path);
        softly.assertThat(response.statusCode())
                .as("%s opens %s", person.username(), path)
                .isEqualTo(200);
        Document doc = Jsoup.parse(response.asString(), RestAssured.baseURI + ":" + RestAssured.port);
        softly.assertThat(doc.select("header nav"))
                .as("%s's %s is a page, not the login", person.username(), path)
                .isNotEmpty();
        return doc;
    }

    /** Every action in a page, with the request loaxa.js (or the browser) would send for it. */
    static List<Action> actionsOf(String page, Document doc, Visit visit) {
        List<Action> actions = new ArrayList<>();
        for (Element form : doc.select("form")) {
            if (form.hasClass("api-form")) {
                actions.add(apiForm(page, form));
                if (form.id().equals("bulletin-form")
                        && !form.select("input[name=submit]").isEmpty()) {
                    // saving with "submit for approval" checked posts to /submit next: tried on the person's own draft
                    actions.add(new Action(
                            page,
                            "submit",
                            "POST",
                            "/api/v1/bulletins/" + visit.ownDraft() + "/submit",
                            Map.of(),
                            false,
                            false));
                }
            } else if (form.hasClass("admin-form")) {
                actions.add(adminForm(page, form));
            } else if (form.hasClass("live-form")) {
                // no places ticked: the API checks the right to go live and answers 422, so nothing goes on air
                actions.add(new Action(
                        page,
                        "go-live",
                        "POST",
                        "/api/v1/live",
                        Map.of("title", "Thử quyền", "targets", Map.of()),
                        false,
                        false));
            } else if (form.hasClass("inbox-form")) {
                actions.add(inboxForm(page, form));
            } else if (form.attr("method").equalsIgnoreCase("get")) {
                actions.add(new Action(page, "filter", "GET", getForm(form), null, false, false));
            } else {
                actions.add(new Action(page, "form-post", "POST", form.attr("action"), Map.of(), false, false));
            }
        }
        for (Element button : doc.select("#week button[data-api]")) {
            Map<String, Object> body =
                    button.hasAttr("data-local-time") ? Map.of("localTime", button.attr("data-local-time")) : Map.of();
            actions.add(new Action(page, button.className(), "POST", button.attr("data-api"), body, false, false));
        }
        for (Element button : doc.select("[data-media-delete]")) {
            actions.add(new Action(
                    page,
                    "media-delete",
                    "DELETE",
                    "/api/v1/media/" + button.attr("data-media-delete"),
                    null,
                    false,
                    false));
        }
        for (Element button : doc.select("#broadcast-form #preview-button")) {
            Map<String, Object> body = new HashMap<>();
            body.put("startAt", null);
            body.put("timeZone", ZONE);
            body.put("recurrence", null);
            body.put("count", 10);
            actions.add(new Action(page, "preview", "POST", "/api/v1/broadcasts/preview", body, false, false));
        }
        for (String verb : List.of("get", "post", "put", "patch", "delete")) {
            for (Element e : doc.select("[hx-" + verb + "]")) {
                actions.add(
                        new Action(page, "fragment", verb.toUpperCase(), e.attr("hx-" + verb), Map.of(), false, false));
            }
        }
        for (Element e : doc.select("[sse-connect]")) {
            actions.add(new Action(page, "live", "GET", e.attr("sse-connect"), null, false, true));
        }
        for (Element e : doc.select("button[formaction]")) {
            String method = e.attr("formmethod").isEmpty()
                    ? "POST"
                    : e.attr("formmethod").toUpperCase();
            actions.add(new Action(page, "formaction", method, e.attr("formaction"), Map.of(), false, false));
        }
        for (Element a : doc.select("a[href^=/api/], a[download]")) {
            String href = a.attr("href");
            actions.add(new Action(
                    page,
                    href.startsWith("/api/v1/reports/") ? "export" : "download",
                    "GET",
                    href,
                    null,
                    false,
                    false));
        }
        for (Element source : doc.select("source[src^=/api/], audio[src^=/api/]")) {
            actions.add(new Action(page, "audio", "GET", source.attr("src"), null, false, false));
        }
        return actions;
    }

    /** As loaxa.js builds the body of each kind of {@code api-form}, from the values the page put in the form. */
    private static Action apiForm(String page, Element form) {
        String kind = form.attr("data-kind");
        String url = form.attr("data-api");
        Map<String, Object> body = new HashMap<>();
        switch (kind) {
            case "upload" -> {
                return new Action(page, kind, "POST", url, fields(form), true, false);
            }
            case "tts" -> {
                body.put("text", value(form, "text"));
                body.put("language", value(form, "language"));
                body.put("title", value(form, "title"));
            }
            case "review" -> {
                body.put("reason", value(form, "reason"));
                kind = url.endsWith("/approve") ? "approve" : "reject";
            }
            case "cancel" -> kind = "cancel-broadcast";
            case "bulletin" -> {
                body.put("title", value(form, "title"));
                body.put("topic", value(form, "topic"));
                body.put("sourceAgency", value(form, "sourceAgency"));
                body.put("priority", value(form, "priority"));
                body.put("segments", List.of());
            }
            case "broadcast" -> {
                body.put("bulletinId", value(form, "bulletinId"));
                body.put("startAt", null);
                body.put("timeZone", ZONE);
                body.put("targets", Map.of("areas", List.of(), "receivers", List.of()));
                body.put("recurrence", null);
            }
            case "command" -> {
                body.put("type", value(form, "type"));
                String volume = value(form, "volume");
                if (volume != null) {
                    body.put("volume", Integer.valueOf(volume));
                }
            }
            default -> kind = "unknown api-form " + kind;
        }
        return new Action(page, kind, "POST", url, body, false, false);
    }

    /** As loaxa.js's inbox handlers build their bodies; the method is {@code data-method} or POST. */
    private static Action inboxForm(String page, Element form) {
        String kind = form.attr("data-kind");
        String method = form.attr("data-method").isEmpty() ? "POST" : form.attr("data-method");
        Map<String, Object> body = new HashMap<>();
        switch (kind) {
            case "inbox-accept" -> {}
            case "inbox-accept-at" -> {
                String start = value(form, "startAt");
                body.put("startAt", start == null ? null : start + ":00" + form.attr("data-offset"));
            }
            case "inbox-decline" -> body.put("reason", value(form, "reason"));
            case "inbox-policy" -> {
                Element checked = form.selectFirst("input[name=policy][checked]");
                body.put("policy", checked == null ? null : checked.attr("value"));
                body.put("defaultTime", value(form, "defaultTime"));
            }
            default -> kind = "unknown inbox-form " + kind;
        }
        return new Action(page, kind, method, form.attr("data-api"), body, false, false);
    }

    /**
     * As loaxa.js builds the body of an administration form: each named field's value (null when empty), fields
     * marked {@code data-list} gathered into one list of their non-empty (ticked) values; an outline form sends its
     * file, tried here with an empty object.
     */
    private static Action adminForm(String page, Element form) {
        String method = form.attr("data-method").isEmpty() ? "POST" : form.attr("data-method");
        Map<String, Object> body = new LinkedHashMap<>();
        if (!form.attr("data-body").equals("file")) {
            for (Element field : form.select("input[name], select[name], textarea[name]")) {
                String type = field.attr("type");
                if (type.equals("file") || field.hasAttr("disabled")) {
                    continue;
                }
                String name = field.attr("name");
                boolean ticked = !(type.equals("checkbox") || type.equals("radio")) || field.hasAttr("checked");
                if (field.hasAttr("data-list")) {
                    @SuppressWarnings("unchecked")
                    List<String> list = (List<String>) body.computeIfAbsent(name, n -> new ArrayList<String>());
                    String v = valueOf(field);
                    if (ticked && v != null) {
                        list.add(v);
                    }
                } else if (ticked) {
                    body.put(name, valueOf(field));
                }
            }
        }
        return new Action(page, form.attr("data-kind"), method, form.attr("data-api"), body, false, false);
    }

    /** A GET form submitted as it stands: its action with each field's value. */
    private static String getForm(Element form) {
        StringBuilder query = new StringBuilder();
        fields(form)
                .forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append('=')
                        .append(value)); // REST Assured encodes the query
        return form.attr("action") + query;
    }

    /** The named fields' current values, as the browser would send them (checked boxes only, selected options). */
    private static Map<String, String> fields(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : form.select("input[name], select[name], textarea[name]")) {
            String type = field.attr("type");
            if (type.equals("file")
                    || ((type.equals("checkbox") || type.equals("radio")) && !field.hasAttr("checked"))) {
                continue;
            }
            String value = value(form, field.attr("name"));
            fields.put(field.attr("name"), value == null ? "" : value);
        }
        return fields;
    }

    /** A field's value as loaxa.js's {@code value()} reads it: trimmed, null when empty. */
    private static String value(Element form, String name) {
        Element field = form.selectFirst("[name=" + name + "]");
        return field == null ? null : valueOf(field);
    }

    private static String valueOf(Element field) {
        String v;
        if (field.tagName().equals("select")) {
            Element option = field.selectFirst("option[selected]");
            if (option == null) {
                option = field.selectFirst("option:not([disabled])");
            }
            v = option == null ? "" : option.attr("value");
        } else if (field.tagName().equals("textarea")) {
            v = field.text();
        } else {
            v = field.attr("value");
        }
        return v.trim().isEmpty() ? null : v.trim();
    }

    // ---------------------------------------------------------------- performing

    /** The request the page's script (or the browser, for links and GET forms) sends, with the person's session. */
    private static int perform(Action action, CookieFilter session) throws Exception {
        if (action.stream()) {
            return openStream(action.url(), session);
        }
        RequestSpecification request =
                given().filter(session).redirects().follow(false).header("Accept-Language", "vi");
        if (action.changesState()) {
            request.header(CsrfGuard.HEADER, "1").accept(ContentType.JSON);
            if (action.multipart()) {
                @SuppressWarnings("unchecked")
                Map<String, String> fields = (Map<String, String>) action.body();
                fields.forEach(request::multiPart);
                request.multiPart("file", "note.txt", "not audio".getBytes(), "text/plain");
            } else if (action.body() != null) {
                request.contentType(ContentType.JSON).body(action.body());
            }
        }
        Response response = request.request(action.method(), action.url());
        if (response.statusCode() / 100 == 3
                && String.valueOf(response.header("Location")).contains("login")) {
            return 401; // the session was not accepted
        }
        return response.statusCode();
    }

    /** Opens a server-sent-events stream, reads its status, and closes it. */
    private static int openStream(String path, CookieFilter session) throws Exception {
        String cookie = session.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Cookie", cookie)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /**
     * The state-changing calls the person's role lacks, on the test's things within the person's own area (so that
     * only the role can be the reason for a refusal), sent as a page would send them.
     */
    private static List<Action> lackingCalls(Person person, Visit visit) {
        List<Action> calls = new ArrayList<>();
        String page = "(api)";
        if (!person.can().contains(Capability.AUTHOR)) {
            calls.add(new Action(
                    page,
                    "tts",
                    "POST",
                    "/api/v1/media/tts",
                    Map.of("text", "Thông báo", "language", "vie"),
                    false,
                    false));
            calls.add(new Action(
                    page, "upload", "POST", "/api/v1/media", Map.of("title", "x", "language", "vie"), true, false));
            calls.add(new Action(page, "bulletin", "POST", "/api/v1/bulletins", Map.of("title", "x"), false, false));
            calls.add(new Action(
                    page,
                    "submit",
                    "POST",
                    "/api/v1/bulletins/" + visit.ownDraft() + "/submit",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page, "media-delete", "DELETE", "/api/v1/media/" + visit.ownMedia(), null, false, false));
            calls.add(new Action(
                    page,
                    "glossary-create",
                    "POST",
                    "/api/v1/glossary",
                    Map.of("vie", "nước", "terms", Map.of("tyz", "nặm")),
                    false,
                    false));
        }
        if (!person.can().contains(Capability.SCHEDULE)) {
            calls.add(new Action(
                    page,
                    "broadcast",
                    "POST",
                    "/api/v1/broadcasts",
                    Map.of(
                            "bulletinId",
                            approvedBulletin,
                            "startAt",
                            visit.firstAiring().toString(),
                            "targets",
                            Map.of("areas", List.of(THAT_KHE))),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "preview",
                    "POST",
                    "/api/v1/broadcasts/preview",
                    Map.of("startAt", visit.firstAiring().toString()),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "cancel-broadcast",
                    "POST",
                    "/api/v1/broadcasts/" + visit.single() + "/cancel",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "cancel-occurrence",
                    "POST",
                    "/api/v1/broadcasts/" + visit.series() + "/exdates",
                    Map.of(
                            "localTime",
                            visit.firstAiring()
                                    .plusHours(1)
                                    .atZoneSameInstant(Ui.ZONE)
                                    .toLocalDateTime()
                                    .toString()),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "command",
                    "POST",
                    "/api/v1/receivers/" + RX_THAT_KHE + "/commands",
                    Map.of("type", "TEST_TONE"),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "inbox-accept",
                    "POST",
                    "/api/v1/inbox/" + visit.inboxItem() + "/accept",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "inbox-decline",
                    "POST",
                    "/api/v1/inbox/" + visit.inboxItem() + "/decline",
                    Map.of("reason", "Xã bận"),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "inbox-policy",
                    "PUT",
                    "/api/v1/areas/" + THAT_KHE + "/inbox-policy",
                    Map.of("policy", "MANUAL"),
                    false,
                    false));
        }
        if (!person.can().contains(Capability.SCHEDULE)) {
            calls.add(new Action(
                    page,
                    "receiver-provision",
                    "POST",
                    "/api/v1/receivers",
                    Map.of("displayName", "Cụm mới", "areaCode", THAT_KHE),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "receiver-move",
                    "PUT",
                    "/api/v1/receivers/" + RX_THAT_KHE + "/area",
                    Map.of("areaCode", NA_AN),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "receiver-rotate",
                    "POST",
                    "/api/v1/receivers/" + RX_THAT_KHE + "/secret",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "receiver-revoke",
                    "POST",
                    "/api/v1/receivers/" + RX_THAT_KHE + "/revoke",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "group-create",
                    "POST",
                    "/api/v1/receiver-groups",
                    Map.of("name", "Nhóm mới", "members", List.of(RX_THAT_KHE)),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "group-change",
                    "PUT",
                    "/api/v1/receiver-groups/" + visit.group(),
                    Map.of("name", "Nhóm đổi", "members", List.of()),
                    false,
                    false));
            calls.add(new Action(
                    page, "group-delete", "DELETE", "/api/v1/receiver-groups/" + visit.group(), null, false, false));
            calls.add(new Action(
                    page,
                    "area-languages",
                    "PUT",
                    "/api/v1/areas/" + THAT_KHE + "/languages",
                    Map.of("languages", List.of("vie")),
                    false,
                    false));
        }
        if (!person.can().contains(Capability.ADMIN)) {
            calls.add(new Action(
                    page,
                    "area-required",
                    "PUT",
                    "/api/v1/areas/" + THAT_KHE + "/languages/required",
                    Map.of("languages", List.of("vie")),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "account-create",
                    "POST",
                    "/api/v1/accounts",
                    Map.of("username", "ra.khac", "password", PASSWORD, "role", "provider"),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "account-change",
                    "PUT",
                    "/api/v1/accounts/" + SPARE_ACCOUNT,
                    Map.of("role", "admin"),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "account-password",
                    "PUT",
                    "/api/v1/accounts/" + SPARE_ACCOUNT + "/password",
                    Map.of("password", "mot-mat-khau-khac"),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "account-lock",
                    "POST",
                    "/api/v1/accounts/" + SPARE_ACCOUNT + "/lock",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "area-create",
                    "POST",
                    "/api/v1/areas",
                    Map.of("name", "Thôn mới", "kind", "VILLAGE", "parentCode", THAT_KHE),
                    false,
                    false));
            calls.add(new Action(
                    page, "area-rename", "PUT", "/api/v1/areas/" + THAT_KHE, Map.of("name", "Đổi tên"), false, false));
        }
        if (!person.can().contains(Capability.APPROVE)) {
            calls.add(new Action(
                    page,
                    "approve",
                    "POST",
                    "/api/v1/bulletins/" + visit.submitted() + "/approve",
                    Map.of(),
                    false,
                    false));
            calls.add(new Action(
                    page,
                    "reject",
                    "POST",
                    "/api/v1/bulletins/" + visit.submitted() + "/reject",
                    Map.of("reason", "Thiếu bản tiếng Tày"),
                    false,
                    false));
        }
        return calls;
    }

    private static void print(List<Tried> table) {
        StringBuilder out = new StringBuilder("\nrole actions: person | page | action | method url | status\n");
        for (Tried t : table) {
            out.append(String.format(
                    "%-16s | %-40s | %-17s | %-6s %s | %d%n",
                    t.who(), t.page(), t.kind(), t.method(), t.url(), t.status()));
        }
        System.out.println(out);
    }

    // ---------------------------------------------------------------- the test's own things

    /** Whether a URL names only things this test made (ids of other tests' things make it not ours). */
    private static boolean ours(String url) {
        Matcher ids = UUID_IN_URL.matcher(url);
        while (ids.find()) {
            if (!OURS.contains(ids.group())) {
                return false;
            }
        }
        Matcher named = NAMED_IN_URL.matcher(url);
        while (named.find()) {
            if (!OURS.contains(named.group(2))) {
                return false;
            }
        }
        Matcher chosen = CHOSEN_IN_URL.matcher(url);
        while (chosen.find()) {
            if (!OURS.contains(chosen.group(2))) {
                return false;
            }
        }
        return true;
    }

    /** The demo's slice of Lạng Sơn under codes of the test's own, its people, a recording and an approved bulletin. */
    private static synchronized void langSonSlice() throws Exception {
        if (sharedMedia != null) {
            return;
        }
        Fixtures.area(PROVINCE, "PROVINCE", null);
        Fixtures.area(THAT_KHE, "COMMUNE", PROVINCE);
        Fixtures.area(BINH_GIA, "COMMUNE", PROVINCE);
        Fixtures.area(NA_AN, "VILLAGE", THAT_KHE);
        Fixtures.receiver(RX_THAT_KHE, NA_AN, List.of("vie", "tyz"));
        Fixtures.receiver(RX_BINH_GIA, BINH_GIA, List.of("vie"));
        OURS.addAll(List.of(PROVINCE, THAT_KHE, BINH_GIA, NA_AN, RX_THAT_KHE, RX_BINH_GIA, SPARE_ACCOUNT));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", SPARE_ACCOUNT, "password", PASSWORD, "role", "supervisor", "areaCode", THAT_KHE))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        for (Person person : PEOPLE) {
            if (!person.username().equals(Api.ADMIN)) {
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "username", person.username(),
                                "password", PASSWORD,
                                "role", person.role(),
                                "areaCode", person.area()))
                        .post("/api/v1/accounts")
                        .then()
                        .statusCode(201);
            }
        }
        for (String commune : List.of(THAT_KHE, BINH_GIA)) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("policy", "MANUAL"))
                    .put("/api/v1/areas/" + commune + "/inbox-policy")
                    .then()
                    .statusCode(200);
        }
        wav = TestAudio.sineWav(Files.createTempFile("role-actions", ".wav"), 1.5, 523, 0.2);
        sharedMedia = upload(EDITOR);
        approvedBulletin = bulletin(EDITOR, "Lịch tiêm chủng");
        submit(EDITOR, approvedBulletin);
        as(APPROVER)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + approvedBulletin + "/approve")
                .then()
                .statusCode(200);
    }

    /**
     * Fresh things for one person's visit, since the actions tried before (approving, cancelling, deleting) use up
     * the earlier ones: a recording and a draft of their own, a bulletin waiting for approval, a single and a daily
     * broadcast of Thất Khê, and an inbox item from the province.
     */
    private static Visit visitFor(Person person) {
        boolean author = person.can().contains(Capability.AUTHOR);
        String ownMedia = upload(author ? person.username() : EDITOR);
        String ownDraft = bulletin(author ? person.username() : EDITOR, "Bản nháp của " + person.username());
        String submitted = bulletin(EDITOR, "Chờ duyệt cho " + person.username());
        submit(EDITOR, submitted);
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String single = broadcast(COMMUNE_OPERATOR, THAT_KHE, first, null);
        String series = broadcast(COMMUNE_OPERATOR, THAT_KHE, first.plusHours(1), "FREQ=DAILY;COUNT=3");
        String fromAbove = broadcast(PROVINCE_OPERATOR, PROVINCE, first.plusHours(2), null);
        String inboxItem = asAdmin()
                .get("/api/v1/areas/" + THAT_KHE + "/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.broadcastId == '" + fromAbove + "' }.id");
        assertThat(inboxItem)
                .as("the province's broadcast waits in Thất Khê's inbox")
                .isNotNull();
        asAdmin()
                .get("/api/v1/areas/" + BINH_GIA + "/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class)
                .forEach(OURS::add);
        // a group of Thất Khê's, which the visit may change and delete
        String group = as(COMMUNE_OPERATOR)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Loa chợ Thất Khê của " + person.username(), "members", List.of(RX_THAT_KHE)))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
        OURS.addAll(List.of(ownMedia, ownDraft, submitted, single, series, fromAbove, inboxItem, group));
        return new Visit(sharedMedia, ownMedia, ownDraft, submitted, single, series, inboxItem, first, group);
    }

    private static RequestSpecification as(String username) {
        return username.equals(Api.ADMIN)
                ? asAdmin()
                : given().auth().preemptive().basic(username, PASSWORD);
    }

    private static String upload(String username) {
        String id = as(username)
                .multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("title", "Ghi am " + username)
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        OURS.add(id);
        return Fixtures.awaitStatus(id, "READY");
    }

    private static String bulletin(String username, String title) {
        String id = as(username)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "topic",
                        "y tế",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", sharedMedia, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        OURS.add(id);
        return id;
    }

    private static void submit(String username, String bulletin) {
        as(username)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletin + "/submit")
                .then()
                .statusCode(200);
    }

    private static String broadcast(String username, String area, OffsetDateTime start, String rrule) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "bulletinId",
                approvedBulletin,
                "startAt",
                start.toString(),
                "timeZone",
                ZONE,
                "allowOverlap",
                true,
                "targets",
                Map.of("areas", List.of(area))));
        if (rrule != null) {
            body.put("recurrence", Map.of("rrule", rrule));
        }
        String id = as(username)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        OURS.add(id);
        return id;
    }
}
