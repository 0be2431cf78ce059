package dk.overblik.orgsync.importing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last good state of each municipality as this instance last applied or confirmed it, so the
 * next import need not reload and rehash it. An entry is used only while its run is still the
 * municipality's latest applied run in PostgreSQL (checked under the import lock): another
 * instance's import, or a restart, simply means a reload.
 */
@ApplicationScoped
public class LastGoodCache {

    /** The state after applied run {@code runId} (0: no run applied yet). */
    public record LastGood(long runId, ExportPlan.Stored stored, ExportPlan.Snapshot snapshot) {
    }

    private final Map<String, LastGood> byTenant = new ConcurrentHashMap<>();

    /** The cached state if it is still the one after {@code latestAppliedRun}. */
    public LastGood valid(String tenant, long latestAppliedRun) {
        LastGood cached = byTenant.get(tenant);
        return cached != null && cached.runId() == latestAppliedRun ? cached : null;
    }

    public void remember(String tenant, LastGood state) {
        byTenant.merge(tenant, state, (old, candidate) -> candidate.runId() >= old.runId() ? candidate : old);
    }
}
