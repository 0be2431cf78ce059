package dk.overblik.contracts.index;

/**
 * An Overblik index in OpenSearch: a template, versioned indices {@code <name>-v<N>}, a read
 * alias {@code <name>} that queries use and a write alias {@code <name>-write} that the indexer
 * writes through. Swapping both aliases to a new version reindexes without downtime.
 * {@code templateResource} is the classpath resource holding the index template body.
 */
public record IndexDefinition(String name, String templateResource) {

    /** An index of the contracts, whose template lives beside this class. */
    public IndexDefinition(String name) {
        this(name, "dk/overblik/contracts/index/" + name + "-template.json");
    }

    public String readAlias() {
        return name;
    }

    public String writeAlias() {
        return name + "-write";
    }

    public String templateName() {
        return name;
    }

    public String version(int n) {
        return versionPrefix() + n;
    }

    /** What the names of all versions of the index begin with. */
    public String versionPrefix() {
        return name + "-v";
    }

    /** The body that creates the first version (the template gives settings and mappings): both aliases on it. */
    public String firstVersionBody() {
        return """
                {"aliases": {"%s": {}, "%s": {"is_write_index": true}}}""".formatted(readAlias(), writeAlias());
    }
}
