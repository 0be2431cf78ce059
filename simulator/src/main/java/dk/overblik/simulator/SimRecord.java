package dk.overblik.simulator;

import dk.overblik.contracts.party.CprEvent;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;

/** One thing the simulator delivers, in the order a real source would send it. */
public sealed interface SimRecord {

    /** A registration (version) of a case. */
    record CaseVersion(CaseRecord record) implements SimRecord {
    }

    /** The source deleted a case. */
    record CaseDeletion(Deletion deletion) implements SimRecord {
    }

    /** A registration of a document. */
    record DocumentVersion(DocumentRecord record) implements SimRecord {
    }

    /** The source deleted a document. */
    record DocumentDeletion(Deletion deletion) implements SimRecord {
    }

    /** A CPR event in the national data distributor's form. */
    record CprEventRecord(CprEvent event) implements SimRecord {
    }
}
