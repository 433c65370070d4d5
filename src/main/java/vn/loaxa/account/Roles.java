package vn.loaxa.account;

/** Role names. Every person's account also carries {@link #USER}; receivers carry only {@link #RECEIVER}. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String RECEIVER = "receiver";

    private Roles() {
    }
}
