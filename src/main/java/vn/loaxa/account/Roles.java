package vn.loaxa.account;

/** Role names. Every person's account also carries {@link #USER}; receivers carry only {@link #RECEIVER}. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String RECEIVER = "receiver";

    private Roles() {
    }

    /** The roles a person's account grants: every person is a {@link #USER}, and may hold one more role. */
    public static java.util.Set<String> of(String accountRole) {
        return accountRole == null || USER.equals(accountRole) ? java.util.Set.of(USER)
                : java.util.Set.of(USER, accountRole);
    }
}
