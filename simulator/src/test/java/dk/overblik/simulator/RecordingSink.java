package dk.overblik.simulator;

import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.deliver.Sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything delivered, in order (tests use small scenarios). */
final class RecordingSink implements Sink {
    final Map<Municipality, OrgExport> organisations = new LinkedHashMap<>();
    final List<SimRecord> records = new ArrayList<>();

    @Override
    public void organisation(Municipality municipality, OrgExport export) {
        organisations.put(municipality, export);
    }

    @Override
    public void accept(SimRecord record) {
        records.add(record);
    }

    @Override
    public void close() {
    }

    static RecordingSink run(Scenario scenario) {
        RecordingSink sink = new RecordingSink();
        new Simulation(scenario).run(sink, dk.overblik.simulator.deliver.Progress.silent(), RateLimiter.unlimited());
        return sink;
    }
}
