package vn.loaxa.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountRequest;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.service.AccountService;
import vn.loaxa.account.service.FirstStartNotice;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.area.api.AreaOutlineView;
import vn.loaxa.area.api.AreaRequest;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.area.service.AreaOutlineService;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.receiver.api.ReceiverRequest;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * A small slice of Lạng Sơn for the dev and demo profiles, created through the same services as the API and only
 * where missing. The province code 20 is official; the commune and village codes are demo values.
 */
@ApplicationScoped
public class DemoSeed {
    private static final Logger LOG = Logger.getLogger(DemoSeed.class);

    static final List<AreaRequest> AREAS = List.of(
            new AreaRequest("20", "Tỉnh Lạng Sơn", AreaKind.PROVINCE, null),
            new AreaRequest("20-TK", "Xã Thất Khê", AreaKind.COMMUNE, "20"),
            new AreaRequest("20-BG", "Xã Bình Gia", AreaKind.COMMUNE, "20"),
            new AreaRequest("20-CL", "Xã Chi Lăng", AreaKind.COMMUNE, "20"),
            new AreaRequest("20-TK-NA", "Thôn Nà Ản", AreaKind.VILLAGE, "20-TK"),
            new AreaRequest("20-TK-PL", "Thôn Pác Lạn", AreaKind.VILLAGE, "20-TK"),
            new AreaRequest("20-BG-KL", "Thôn Khuổi Luông", AreaKind.VILLAGE, "20-BG"));

    static final List<ReceiverRequest> RECEIVERS = List.of(
            new ReceiverRequest("ls-thatkhe-01", "Cụm loa Nà Ản", "20-TK-NA", List.of("vie", "tyz"), 22.2571, 106.4590),
            new ReceiverRequest(
                    "ls-thatkhe-02", "Cụm loa Pác Lạn", "20-TK-PL", List.of("vie", "nut"), 22.2495, 106.4712),
            new ReceiverRequest("ls-binhgia-01", "Cụm loa Khuổi Luông", "20-BG-KL", List.of("vie"), 21.9490, 106.3710));

    /**
     * Rough outlines of the demo communes (octagons around their centres, not surveyed boundaries), so that the map
     * shows areas as it will with real outlines loaded through {@code PUT /api/v1/areas/{code}/outline}.
     */
    static final List<DemoOutline> OUTLINES = List.of(
            new DemoOutline("20-TK", 22.255, 106.465, 0.045),
            new DemoOutline("20-BG", 21.950, 106.372, 0.05),
            new DemoOutline("20-CL", 21.660, 106.620, 0.06));

    record DemoOutline(String areaCode, double latitude, double longitude, double radiusDegrees) {
        String geoJson() {
            StringBuilder ring = new StringBuilder();
            for (int i = 0; i <= 8; i++) {
                double angle = Math.PI / 4 * (i % 8);
                ring.append(i == 0 ? "" : ",")
                        .append(String.format(
                                java.util.Locale.ROOT,
                                "[%.5f,%.5f]",
                                longitude + radiusDegrees * Math.cos(angle),
                                latitude + radiusDegrees * Math.sin(angle)));
            }
            return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
        }
    }

    /** One account per role below admin, each over the area its role would hold in Lạng Sơn. */
    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("bientap.langson", Roles.EDITOR, "20"),
            // a second editor of the province: approval needs someone other than the bulletin's author
            new DemoAccount("duyet.langson", Roles.EDITOR, "20"),
            new DemoAccount("vanhanh.langson", Roles.OPERATOR, "20"),
            new DemoAccount("vanhanh.thatkhe", Roles.OPERATOR, "20-TK"),
            new DemoAccount("cungcap.langson", Roles.PROVIDER, "20"),
            new DemoAccount("giamsat.thatkhe", Roles.SUPERVISOR, "20-TK"),
            new DemoAccount("dichgia.tay", Roles.TRANSLATOR, "20", List.of("tyz")),
            new DemoAccount("dichgia.nung", Roles.TRANSLATOR, "20", List.of("nut")),
            new DemoAccount("duyet.tay", Roles.EDITOR, "20", List.of("tyz")),
            new DemoAccount("duyet.nung", Roles.EDITOR, "20", List.of("nut")));

    /** {@code languages}: those a translator translates or an editor reviews (none: an editor reviews all). */
    record DemoAccount(String username, String role, String areaCode, List<String> languages) {
        DemoAccount(String username, String role, String areaCode) {
            this(username, role, areaCode, List.of());
        }
    }

    private final DemoConfig config;
    private final AreaService areas;
    private final ReceiverService receivers;
    private final AccountService accounts;
    private final Passwords passwords;
    private final AreaOutlineService outlines;
    private final FirstStartNotice notice;

    public DemoSeed(
            DemoConfig config,
            AreaService areas,
            ReceiverService receivers,
            AccountService accounts,
            Passwords passwords,
            AreaOutlineService outlines,
            FirstStartNotice notice) {
        this.outlines = outlines;
        this.notice = notice;
        this.config = config;
        this.areas = areas;
        this.receivers = receivers;
        this.accounts = accounts;
        this.passwords = passwords;
    }

    void seed(@Observes @Priority(50) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Set<String> existingAreas = areas.allCodes();
        AREAS.stream().filter(a -> !existingAreas.contains(a.code())).forEach(areas::create);
        Set<String> existingReceivers =
                receivers.list().stream().map(ReceiverView::id).collect(Collectors.toSet());
        int added = 0;
        for (ReceiverRequest receiver : RECEIVERS) {
            if (!existingReceivers.contains(receiver.id())) {
                receivers.provision(receiver);
                added++;
            }
        }
        if (added > 0) {
            LOG.infof("Seeded the Lạng Sơn demo: %d areas, %d receivers", AREAS.size(), added);
        }
        seedAccounts();
        Set<String> outlined =
                outlines.under(null).stream().map(AreaOutlineView::code).collect(Collectors.toSet());
        OUTLINES.stream()
                .filter(o -> !outlined.contains(o.areaCode()))
                .forEach(o -> outlines.set(o.areaCode(), o.geoJson()));
    }

    /** Generated passwords, shown once in the {@link FirstStartNotice} as the admin's is; only their hashes are stored. */
    private void seedAccounts() {
        Set<String> existing =
                accounts.list().stream().map(AccountView::username).collect(Collectors.toSet());
        for (DemoAccount account : ACCOUNTS) {
            if (!existing.contains(account.username())) {
                String password = passwords.newSecret();
                accounts.create(new AccountRequest(
                        account.username(), password, account.role(), account.areaCode(), account.languages()));
                notice.add(new FirstStartNotice.Credential(
                        account.username(), account.role(), account.areaCode(), password));
            }
        }
    }
}
