package dk.overblik.indexer.quality;

/**
 * Something about a record the indexer accepted that the municipality connecting its source system
 * should know; counted per source system in the quality report, by {@link #reason()}.
 */
public enum QualityWarning {
    /**
     * A document names a case of another source system. It takes no access fields from that case
     * (no one sees the document through it), so the link is usually a mapping error in the vendor's
     * adapter: the wrong case id, or a case it never sent.
     */
    CASE_OF_ANOTHER_SOURCE_SYSTEM("caseIds");

    private final String field;

    QualityWarning(String field) {
        this.field = field;
    }

    /** The code and the field, as the report's reasons read ({@code CASE_OF_ANOTHER_SOURCE_SYSTEM caseIds}). */
    public String reason() {
        return name() + " " + field;
    }
}
