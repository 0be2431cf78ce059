package dk.overblik.service.security;

/** Role names in the tokens (DESIGN section 4). */
public final class Roles {
    public static final String CASEWORKER = "caseworker";
    public static final String CALLCENTER = "callcenter";
    public static final String ADVIS_ADMIN = "advis-admin";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    public static final String VENDOR_SYSTEM = "vendor-system";
    /** A system that delivers organisation exports (OS2sync, an HR system) for the municipalities in its token. */
    public static final String ORG_LOADER = "org-loader";
    /** The national CPR data distributor (or its adapter), delivering CPR events. */
    public static final String CPR_DISTRIBUTOR = "cpr-distributor";

    private Roles() {
    }
}
