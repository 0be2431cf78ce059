package dk.overblik.contracts.index;

/**
 * The OpenSearch index of documents ({@link IndexedDocument}), with each document carrying the
 * access fields of its cases so that visibility is decided inside the query.
 */
public final class DocumentIndex {
    public static final IndexDefinition DEFINITION = new IndexDefinition("overblik-documents");
    public static final String READ_ALIAS = DEFINITION.readAlias();
    public static final String WRITE_ALIAS = DEFINITION.writeAlias();

    public static final String TENANT = "tenant";
    public static final String CASE_IDS = "caseIds";
    public static final String SENSITIVITY_LEVEL = "sensitivityLevel";
    public static final String DELETED = "deleted";
    /** Nested: one entry per case, with that case's access fields. */
    public static final String CASES = "cases";
    public static final String CASES_CASE_ID = "cases.caseId";
    public static final String CASES_KNOWN = "cases.known";
    public static final String CASES_KLE_SCOPE = "cases.kleScope";
    public static final String CASES_RESPONSIBLE_UNIT = "cases.responsibleUnit";
    public static final String CASES_SENSITIVITY_LEVEL = "cases.sensitivityLevel";

    private DocumentIndex() {
    }
}
