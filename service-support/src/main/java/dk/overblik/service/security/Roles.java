package dk.overblik.service.security;

/** Role names in the tokens (DESIGN section 4). */
public final class Roles {
    public static final String CASEWORKER = "caseworker";
    public static final String CALLCENTER = "callcenter";
    public static final String ADVIS_ADMIN = "advis-admin";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    public static final String VENDOR_SYSTEM = "vendor-system";

    private Roles() {
    }
}
