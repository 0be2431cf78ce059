package dk.overblik.indexer.ingest;

import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;

/** A vendor system writes only records of its own source system, for the municipalities it serves. */
final class VendorScope {
    private VendorScope() {
    }

    static void require(Caller caller, String sourceSystem, String tenant) {
        if (!caller.speaksFor(sourceSystem, tenant)) {
            throw new ProblemException(403, "outside-vendor-scope", "Outside the vendor system's scope",
                    "This client may write records of source system '" + caller.sourceSystem()
                            + "' for municipalities " + caller.municipalities() + " only.");
        }
    }
}
