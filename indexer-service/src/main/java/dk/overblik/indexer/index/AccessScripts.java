package dk.overblik.indexer.index;

import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import dk.overblik.contracts.json.Json;

import java.util.Map;

/**
 * Painless scripts that keep documents consistent with the versioning rules: a document takes a
 * registration only if it is newer than the one it holds, and a case entry of a document takes
 * a case's access fields only from a newer case version. Both are idempotent, so replays and
 * races end in the same state.
 */
final class AccessScripts {
    private AccessScripts() {
    }

    /**
     * Scripted upsert of a document registration (or tombstone). Keeps the case entries it
     * already holds where they come from newer case versions than the ones it is given.
     */
    static final String REGISTER_DOCUMENT = """
            def src = ctx._source;
            if (src.registrationVersion != null && src.registrationVersion >= params.version) { ctx.op = 'noop'; return; }
            def old = src.cases;
            src.putAll(params.doc);
            if (old != null) {
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

    /** Applies newer case access fields ({@code params.updates}: caseId to fields) to a document's case entries. */
    static final String APPLY_CASE_ACCESS = """
            def src = ctx._source;
            boolean changed = false;
            if (src.cases != null) {
              for (def c : src.cases) {
                def u = params.updates.get(src.tenant + ':' + c.caseId);
                if (u != null && u.caseVersion > c.caseVersion) {
                  c.known = u.known; c.caseVersion = u.caseVersion; c.kleScope = u.kleScope;
                  c.responsibleUnit = u.responsibleUnit; c.sensitivityLevel = u.sensitivityLevel;
                  changed = true;
                }
              }
            }
            if (!changed) { ctx.op = 'noop'; }
            """;

    /** The body of a scripted update that applies {@code updates} (keyed {@code <tenant>:<caseId>}) to one document. */
    static Map<String, Object> applyCaseAccess(Map<String, CaseAccess> updates) {
        return Map.of("script", script(APPLY_CASE_ACCESS, Map.of("updates", Json.mapper().convertValue(updates, Map.class))));
    }

    static Map<String, Object> script(String source, Map<String, Object> params) {
        return Map.of("lang", "painless", "source", source, "params", params);
    }
}
