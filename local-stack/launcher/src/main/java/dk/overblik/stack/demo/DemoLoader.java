package dk.overblik.stack.demo;

import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.Summary;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.RestSink;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;

/**
 * Loads the demo set: a small simulated pair of municipalities (seed 42): each organisation as a
 * full export to org-sync (as OS2sync would deliver it), then cases and documents through the
 * vendor API with each source system's own token, as a real fagsystem would deliver them. Idempotent:
 * the same seed gives the same records, which the indexer recognises as already there.
 */
public final class DemoLoader {
    /** Citizens per demo municipality. */
    static final int CITIZENS = 100;
    static final long SEED = 42;

    private DemoLoader() {
    }

    public static Summary load(StackEnv env) {
        RestSink.Endpoints endpoints = new RestSink.Endpoints(env.get(StackEnv.INDEXER_URL), null, env.get(StackEnv.ORGSYNC_URL),
                env.get(StackEnv.OIDC_ISSUER), Tokens.DEMO_SECRET);
        RestSink sink = new RestSink(endpoints, 4);
        Summary summary;
        try {
            summary = new Simulation(Scenario.of(SEED, CITIZENS)).run(sink, Progress.silent(), RateLimiter.unlimited());
        } finally {
            sink.close();
        }
        if (sink.failures() > 0) {
            throw new StackException("The vendor API refused " + sink.failures() + " demo records; see the output above and "
                    + "the logs of the indexer and org-sync.");
        }
        return summary;
    }
}
