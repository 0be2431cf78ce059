package dk.overblik.contracts.index;

/**
 * The OpenSearch index of documents ({@link IndexedDocument}). Each document carries the access
 * fields of its cases (nested under {@link #CASES}, kept current by the indexer), so a query over
 * documents alone can apply the case rules. The overview finds the visible cases first and takes
 * their documents ({@link AccessQueries#documentsOfVisibleCases}).
 */
public final class DocumentIndex {
    public static final IndexDefinition DEFINITION = new IndexDefinition("overblik-documents");
    public static final String READ_ALIAS = DEFINITION.readAlias();
    public static final String WRITE_ALIAS = DEFINITION.writeAlias();

    public static final String TENANT = "tenant";
    public static final String SOURCE_SYSTEM = "sourceSystem";
    public static final String CASE_IDS = "caseIds";
    public static final String SENSITIVITY_LEVEL = "sensitivityLevel";
    public static final String DELETED = "deleted";
    /** Nested: one entry per case, with that case's access fields. */
    public static final String CASES = "cases";
    public static final String CASES_CASE_ID = "cases.caseId";
    public static final String CASES_CASE_VERSION = "cases.caseVersion";

    private DocumentIndex() {
    }
}
