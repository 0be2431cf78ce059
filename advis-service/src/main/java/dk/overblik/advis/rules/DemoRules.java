package dk.overblik.advis.rules;

import dk.overblik.advis.config.AdvisConfig;
import dk.overblik.advis.config.Municipalities;
import dk.overblik.contracts.value.Progress;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The demo rules, created at start for every configured municipality that has no rules yet, when
 * {@code overblik.advis.rules-at-start=DEMO} (the local stack): the seed's examples.
 */
@ApplicationScoped
public class DemoRules {
    private static final Logger LOG = Logger.getLogger(DemoRules.class);
    /** Benefits: social benefits and pensions (32), housing support (27.24). */
    static final List<String> BENEFITS = List.of("32", "27.24");

    public static List<RuleRequest> all() {
        return List.of(
                new RuleRequest("Flyttet fra kommunen: stop ydelsen", Trigger.MOVED_OUT, RuleCondition.openCasesIn(BENEFITS),
                        "Borgeren er flyttet fra kommunen ({previousMunicipality} til {currentMunicipality}) pr. {effectiveAt}: "
                                + "stop ydelsen på sag {caseNumber} ({caseTitle}).", true),
                new RuleRequest("Død: stop udbetalinger", Trigger.DIED, RuleCondition.openCasesIn(List.of()),
                        "Borgeren er død pr. {effectiveAt}: stop udbetalinger på sag {caseNumber} ({caseTitle}).", true),
                new RuleRequest("Ny sag i et andet fagsystem", Trigger.CASE_OPENED,
                        new RuleCondition(List.of(), List.of(Progress.OPSTAAET, Progress.OPLYST, Progress.AFGJORT), List.of(), null, true),
                        "Ny sag for din borger i {triggerSourceSystem}: {triggerCaseTitle} ({triggerCaseNumber}). "
                                + "Din sag: {caseNumber}.", true));
    }

    void onStart(@Observes StartupEvent start, AdvisConfig config, Municipalities municipalities) throws Throwable {
        if (config.rulesAtStart() != AdvisConfig.RulesAtStart.DEMO) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                .iterable(municipalities.codeByTenant().keySet())
                .onItem().transformToUniAndConcatenate(tenant -> Rule.count("tenant", tenant)
                        .chain(existing -> existing > 0 ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(all())
                                .onItem().transformToUniAndConcatenate(request -> Rule.create(tenant, request).persist())
                                .collect().last().invoke(() -> LOG.infof("Created the demo rules for %s", tenant)).replaceWithVoid()))
                .collect().last()));
    }
}
