package dk.overblik.contracts.index;

/**
 * An Overblik index in OpenSearch: a template, versioned indices {@code <name>-v<N>}, a read
 * alias {@code <name>} that queries use and a write alias {@code <name>-write} that the indexer
 * writes through. Swapping both aliases to a new version reindexes without downtime.
 */
public record IndexDefinition(String name) {

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
        return name + "-v" + n;
    }

    /** The template body (settings and mappings), a classpath resource of this module. */
    public String templateResource() {
        return "/dk/overblik/contracts/index/" + name + "-template.json";
    }
}
