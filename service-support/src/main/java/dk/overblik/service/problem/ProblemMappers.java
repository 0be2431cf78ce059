package dk.overblik.service.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one place where failures become HTTP answers: every error of every service is
 * {@code application/problem+json}. Authentication is not proactive (see application
 * properties), so a missing or bad token arrives here too and gets a problem body.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        List<Problem.FieldProblem> fields = e.violations().stream().map(Problem.FieldProblem::of).toList();
        return problem(new Problem(Problem.type("invalid-input"), "The request breaks the contract", 400,
                e.getMessage(), uri.getPath(), fields));
    }

    @ServerExceptionMapper
    public Response problemException(ProblemException e, UriInfo uri) {
        if (e.status() >= 500) {
            LOG.errorf(e, "%s: %s", e.title(), e.getMessage());
        }
        return problem(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("unauthenticated"), "A valid bearer token is required", 401,
                        "Send an access token from the municipality's identity provider.", uri.getPath(), List.of()));
        return response.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(new Problem(Problem.type("forbidden"), "Not allowed", 403,
                "Your role does not allow this request.", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(new Problem(Problem.type("not-found"), "Not found", 404, "Nothing is here.", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper({NotAllowedException.class, NotSupportedException.class})
    public Response unsupported(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return problem(new Problem(Problem.type("unsupported-request"), "Unsupported request", status, e.getMessage(),
                uri.getPath(), List.of()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
