package dk.overblik.indexer.index;

import dk.overblik.contracts.json.Json;
import dk.overblik.indexer.index.CaseAccessPropagation.CurrentCase;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Painless scripts that keep documents consistent with the versioning rules: a document takes a
 * registration only if it is newer than the one it holds, and a case entry of a document takes
 * a case's access fields only from a newer case version, and only from a case of the document's
 * own source system (of another system's case it takes the version alone, as an unknown entry).
 * Both are idempotent, so replays and races end in the same state. The source-system rule is
 * checked here, against the document as it stands, because a document's source system can change
 * between the search that found it and its update (a later registration on Kafka).
 */
final class AccessScripts {
    private AccessScripts() {
    }

    /**
     * Scripted upsert of a document registration (or tombstone). Keeps the case entries it
     * already holds where they come from newer case versions than the ones it is given, unless the
     * registration moves the document to another source system (those entries were for the old one).
     */
    static final String REGISTER_DOCUMENT = """
            def src = ctx._source;
            if (src.registrationVersion != null && src.registrationVersion >= params.version) { ctx.op = 'noop'; return; }
            def old = src.cases;
            def oldSource = src.sourceSystem;
            src.putAll(params.doc);
            if (old != null && oldSource == src.sourceSystem) {
              for (def o : old) {
                for (def c : src.cases) {
                  if (c.caseId == o.caseId && o.caseVersion > c.caseVersion) {
                    c.known = o.known; c.caseVersion = o.caseVersion; c.kleScope = o.kleScope;
                    c.responsibleUnit = o.responsibleUnit; c.sensitivityLevel = o.sensitivityLevel;
                  }
                }
              }
            }
            """;

    /**
     * Applies newer case versions ({@code params.updates}: {@code <tenant>:<caseId>} to the case's
     * access fields and source system) to a document's case entries: the fields of a case of the
     * document's own source system, of any other only the version (the entry becomes unknown).
     */
    static final String APPLY_CASE_ACCESS = """
            def src = ctx._source;
            boolean changed = false;
            if (src.cases != null) {
              for (def c : src.cases) {
                def u = params.updates.get(src.tenant + ':' + c.caseId);
                if (u != null && u.caseVersion > c.caseVersion) {
                  boolean own = u.sourceSystem == src.sourceSystem;
                  c.known = own && u.known; c.caseVersion = u.caseVersion; c.kleScope = own ? u.kleScope : [];
                  c.responsibleUnit = own ? u.responsibleUnit : null; c.sensitivityLevel = own ? u.sensitivityLevel : null;
                  changed = true;
                }
              }
            }
            if (!changed) { ctx.op = 'noop'; }
            """;

    /** The body of a scripted update that applies {@code updates} (keyed {@code <tenant>:<caseId>}) to one document. */
    static Map<String, Object> applyCaseAccess(Map<String, CurrentCase> updates) {
        Map<String, Object> params = new LinkedHashMap<>();
        updates.forEach((key, update) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = Json.mapper().convertValue(update.access(), Map.class);
            fields.put("sourceSystem", update.sourceSystem());
            params.put(key, fields);
        });
        return Map.of("script", script(APPLY_CASE_ACCESS, Map.of("updates", params)));
    }

    static Map<String, Object> script(String source, Map<String, Object> params) {
        return Map.of("lang", "painless", "source", source, "params", params);
    }
}
