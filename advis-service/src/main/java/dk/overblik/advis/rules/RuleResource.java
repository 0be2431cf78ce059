package dk.overblik.advis.rules;

import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The alert rules of the caller's municipality, for its advis administrators. A rule that has raised
 * alerts cannot be deleted (they refer to it); switch it off instead.
 */
@Path("/api/v1/rules")
@RolesAllowed(Roles.ADVIS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
    private final CurrentCaller caller;

    public RuleResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @WithSession
    @Operation(summary = "The municipality's rules, oldest first")
    public Uni<List<RuleView>> list() {
        return Rule.ofTenant(caller.get().requireMunicipality()).map(rules -> rules.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One rule")
    public Uni<RuleView> get(@PathParam("id") String id) {
        return find(id).map(RuleView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "A new rule; 201 with its location")
    public Uni<Response> create(RuleRequest request) {
        String tenant = caller.get().requireMunicipality();
        validate(request);
        Rule rule = Rule.create(tenant, request);
        return rule.persist().replaceWith(() -> Response.created(URI.create("/api/v1/rules/" + rule.id))
                .entity(RuleView.of(rule)).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Replaces a rule (name, trigger, condition, message, on/off)")
    public Uni<RuleView> replace(@PathParam("id") String id, RuleRequest request) {
        validate(request);
        return find(id).invoke(rule -> rule.apply(request)).map(RuleView::of);
    }

    @DELETE
    @Path("/{id}")
    @WithTransaction
    @Operation(summary = "Deletes a rule that has raised no alerts (409 otherwise: switch it off instead)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return find(id).call(rule -> Rule.getSession().chain(session -> session
                        .createNativeQuery("select count(*) from alert where rule_id = ?1", Long.class)
                        .setParameter(1, rule.id).getSingleResult())
                        .invoke(alerts -> {
                            if (alerts > 0) {
                                throw new ProblemException(409, "rule-in-use", "Rule in use", "The rule has raised " + alerts
                                        + " alerts; set enabled to false instead of deleting it.");
                            }
                        }))
                .call(Rule::delete)
                .replaceWith(Response.noContent().build());
    }

    private Uni<Rule> find(String id) {
        UUID ruleId;
        try {
            ruleId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw noSuchRule(id);
        }
        return Rule.ofTenant(caller.get().requireMunicipality(), ruleId).onItem().ifNull().failWith(() -> noSuchRule(id));
    }

    private static ProblemException noSuchRule(String id) {
        return new ProblemException(404, "no-such-rule", "No such rule", "The municipality has no rule " + id + ".");
    }

    private static void validate(RuleRequest request) {
        if (request == null) {
            throw new InvalidInputException("The body is empty.", List.of(new Violation("", ViolationCode.REQUIRED, "is required")));
        }
        var violations = request.violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Not a valid rule.", violations);
        }
    }
}
