package dk.overblik.overview.party;

import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.service.access.AccessViews;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns an indexed case into what the caller is shown: unit and caseworker by name, and for
 * call-centre staff the reduced view (the alternative title where a title is exempt).
 */
@ApplicationScoped
public class CaseViews {
    private final AccessViews views;

    public CaseViews(AccessViews views) {
        this.views = views;
    }

    /** Whether the caller gets the call-centre view (no documents, exempt titles replaced). */
    public static boolean reduced(Caller caller) {
        return !caller.hasRole(Roles.CASEWORKER);
    }

    public CaseView of(Caller caller, IndexedCase c, Long documentCount) {
        String title = reduced(caller) && c.titleAlternative() != null ? c.titleAlternative() : c.title();
        String unit = views.unit(c.tenant(), c.responsibleUnit()).map(OrgUnitState::name).orElse(null);
        String caseworker = views.employee(c.tenant(), c.primaryCaseworker()).map(OrgUserState::name).orElse(null);
        return CaseView.of(c, title, unit, caseworker, reduced(caller) ? null : documentCount);
    }
}
