package dk.overblik.contracts.index;

/**
 * The OpenSearch index of cases ({@link IndexedCase}): written by the indexer, read by the
 * overview and advis services through {@link #READ_ALIAS}.
 */
public final class CaseIndex {
    public static final IndexDefinition DEFINITION = new IndexDefinition("overblik-cases");
    public static final String READ_ALIAS = DEFINITION.readAlias();
    public static final String WRITE_ALIAS = DEFINITION.writeAlias();

    /** Field names queries filter on. */
    public static final String TENANT = "tenant";
    public static final String PARTY_REFS = "partyRefs";
    public static final String KLE_SCOPE = "kleScope";
    public static final String SENSITIVITY_LEVEL = "sensitivityLevel";
    public static final String RESPONSIBLE_UNIT = "responsibleUnit";
    public static final String DELETED = "deleted";
    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    public static final String SOURCE_SYSTEM = "sourceSystem";
    public static final String PROGRESS = "progress";

    private CaseIndex() {
    }
}
