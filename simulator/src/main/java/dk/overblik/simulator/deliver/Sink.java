package dk.overblik.simulator.deliver;

import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.SimRecord;

/** Where simulated data goes: files, Kafka or the vendor REST API. */
public interface Sink extends AutoCloseable {

    /** A municipality's full organisation export; comes before that municipality's records. */
    void organisation(Municipality municipality, OrgExport export);

    void accept(SimRecord record);

    /** Waits until everything accepted is delivered (or failed), then releases resources. */
    @Override
    void close();

    /** What this sink does not take (e.g. CPR events without an advis address), for the summary. */
    default long skipped() {
        return 0;
    }

    /** What could not be delivered, for the summary (0 for sinks that fail instead). */
    default long failures() {
        return 0;
    }
}
