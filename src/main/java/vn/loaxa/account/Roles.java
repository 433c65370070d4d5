package vn.loaxa.account;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Role names, and the one table of what each person's role may do. An account holds one role over one area subtree
 * (docs/security.md, "Roles"); endpoints ask for a capability ({@link #VIEW}, {@link #AUTHOR}, {@link #SCHEDULE},
 * {@link #APPROVE}, {@link #TRANSLATE}) or for {@link #ADMIN}, and the area check is made separately by {@code AccessGuard}.
 */
public final class Roles {
    /** Every person holds this; receivers never do. */
    public static final String USER = "user";

    public static final String RECEIVER = "receiver";

    public static final String ADMIN = "admin";
    public static final String EDITOR = "editor";
    public static final String OPERATOR = "operator";
    public static final String PROVIDER = "provider";
    public static final String SUPERVISOR = "supervisor";
    /** Reads bulletins into the languages the account names, from the tasks given to it (docs/security.md). */
    public static final String TRANSLATOR = "translator";

    /** Dashboards, receivers, broadcasts, deliveries and reports, read-only. */
    public static final String VIEW = "view";
    /** Uploading audio, text to speech, writing bulletins and submitting them for approval. */
    public static final String AUTHOR = "author";
    /** Scheduling and cancelling broadcasts, the inbox, groups, receivers and their commands. */
    public static final String SCHEDULE = "schedule";
    /** Approving or rejecting bulletins, and confirming an emergency under the two-person rule. */
    public static final String APPROVE = "approve";
    /** Seeing the source of one's translation tasks, uploading readings in one's languages and submitting them. */
    public static final String TRANSLATE = "translate";

    public static final List<String> ACCOUNT_ROLES = List.of(ADMIN, EDITOR, OPERATOR, PROVIDER, SUPERVISOR, TRANSLATOR);

    private static final Map<String, List<String>> CAPABILITIES = Map.of(
            ADMIN, List.of(VIEW, AUTHOR, SCHEDULE, APPROVE),
            EDITOR, List.of(VIEW, AUTHOR, APPROVE),
            OPERATOR, List.of(VIEW, AUTHOR, SCHEDULE),
            PROVIDER, List.of(AUTHOR),
            SUPERVISOR, List.of(VIEW),
            TRANSLATOR, List.of(TRANSLATE));

    private Roles() {}

    /** The security roles a person's account grants: {@link #USER}, the account's role and its capabilities. */
    public static Set<String> of(String accountRole) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(USER);
        if (accountRole != null && CAPABILITIES.containsKey(accountRole)) {
            roles.add(accountRole);
            roles.addAll(CAPABILITIES.get(accountRole));
        }
        return Set.copyOf(roles);
    }
}
