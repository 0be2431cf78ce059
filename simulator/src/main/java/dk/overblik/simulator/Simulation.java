package dk.overblik.simulator;

import dk.overblik.simulator.cases.PartyGenerator;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.Sink;
import dk.overblik.simulator.org.OrgGenerator;
import dk.overblik.simulator.org.Organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a scenario: per municipality its organisation export, then its citizens and companies one
 * at a time, each party's records straight into the sink. Memory holds the organisations and one
 * party, so millions of cases stream through.
 */
public final class Simulation {
    private final Scenario scenario;
    private final List<Organisation> organisations;
    private final PartyGenerator parties;

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        List<Organisation> list = new ArrayList<>();
        for (int i = 0; i < scenario.municipalities().size(); i++) {
            list.add(OrgGenerator.generate(scenario, scenario.municipalities().get(i), i));
        }
        this.organisations = List.copyOf(list);
        this.parties = new PartyGenerator(scenario, organisations);
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<Organisation> organisations() {
        return organisations;
    }

    public long parties() {
        return (long) scenario.municipalities().size() * (scenario.citizensPerMunicipality() + scenario.companiesPerMunicipality());
    }

    /** Delivers everything to the sink (which the caller closes) and returns what was delivered. */
    public Summary run(Sink sink, Progress progress, RateLimiter rate) {
        Summary summary = new Summary();
        long started = System.nanoTime();
        Consumer<List<SimRecord>> deliver = records -> {
            summary.count(records);
            for (SimRecord record : records) {
                rate.acquire();
                sink.accept(record);
            }
            progress.advance(records.size());
        };
        for (int m = 0; m < scenario.municipalities().size(); m++) {
            Municipality municipality = scenario.municipalities().get(m);
            sink.organisation(municipality, organisations.get(m).export());
            summary.organisation(organisations.get(m).export());
            for (int c = 0; c < scenario.citizensPerMunicipality(); c++) {
                deliver.accept(parties.citizen((long) m * scenario.citizensPerMunicipality() + c));
            }
            for (int c = 0; c < scenario.companiesPerMunicipality(); c++) {
                deliver.accept(parties.company((long) m * scenario.companiesPerMunicipality() + c));
            }
        }
        summary.elapsedNanos = System.nanoTime() - started;
        progress.finish();
        return summary;
    }

    /** Every record of citizen {@code index} (for tests and tools that need one party). */
    public List<SimRecord> citizen(long index) {
        return parties.citizen(index);
    }
}
