package dk.overblik.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.OpenSearchJson;
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
import java.util.regex.Pattern;

/**
 * The one place where failures become HTTP answers: every error of every service is
 * {@code application/problem+json}. Authentication is not proactive (see application
 * properties), so a missing or bad token arrives here too and gets a problem body.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Ten digits, with or without a dash after the sixth: a CPR number's forms. */
    private static final Pattern PERSON_NUMBER = Pattern.compile("\\d{6}-?\\d{4}");

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        List<Problem.FieldProblem> fields = e.violations().stream().map(Problem.FieldProblem::of).toList();
        return problem(new Problem(Problem.type("invalid-input"), "The request breaks the contract", 400,
                e.getMessage(), pathOf(uri), fields));
    }

    @ServerExceptionMapper
    public Response problemException(ProblemException e, UriInfo uri) {
        if (e.status() >= 500) {
            LOG.errorf(e, "%s: %s", e.title(), e.getMessage());
        }
        return problem(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), pathOf(uri), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("unauthenticated"), "A valid bearer token is required", 401,
                        "Send an access token from the municipality's identity provider.", pathOf(uri), List.of()));
        return response.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(new Problem(Problem.type("forbidden"), "Not allowed", 403,
                "Your role does not allow this request.", pathOf(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(new Problem(Problem.type("not-found"), "Not found", 404, "Nothing is here.", pathOf(uri), List.of()));
    }

    @ServerExceptionMapper({NotAllowedException.class, NotSupportedException.class})
    public Response unsupported(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return problem(new Problem(Problem.type("unsupported-request"), "Unsupported request", status, e.getMessage(),
                pathOf(uri), List.of()));
    }

    /** The body could not be read as the JSON the endpoint takes (wrong type, malformed). */
    @ServerExceptionMapper({MismatchedInputException.class, JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        // Jackson's message quotes the input; only the path of the field goes back.
        String field = Json.pathOf(e);
        return problem(new Problem(Problem.type("invalid-input"), "The request breaks the contract", 400,
                "The body is not the JSON this endpoint takes.", pathOf(uri),
                List.of(new Problem.FieldProblem(field, "WRONG_TYPE", "cannot be read as the expected type"))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request to %s failed", pathOf(uri));
        }
        return problem(new Problem(Problem.type(status >= 500 ? "internal-error" : "bad-request"),
                status >= 500 ? "Internal error" : "Bad request", status, null, pathOf(uri), List.of()));
    }

    /** OpenSearch away or overloaded: try again; any other answer of OpenSearch is our fault. */
    @ServerExceptionMapper
    public Response openSearch(OpenSearchJson.Failure e, UriInfo uri) {
        return e.isRetryable() ? unavailable(e, pathOf(uri)) : internalError(e, pathOf(uri));
    }

    @ServerExceptionMapper
    public Response io(java.io.IOException e, UriInfo uri) {
        return unavailable(e, pathOf(uri));
    }

    /** Anything else: a problem body, never the exception's text. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        return internalError(e, pathOf(uri));
    }

    private static Response unavailable(Exception e, String path) {
        LOG.warnf("Request to %s failed: %s", path, e.toString());
        return problem(new Problem(Problem.type("temporarily-unavailable"), "Temporarily unavailable", 503,
                "A server this service depends on could not answer. Try again shortly.", path, List.of()));
    }

    private static Response internalError(Exception e, String path) {
        LOG.errorf(e, "Request to %s failed", path);
        return problem(new Problem(Problem.type("internal-error"), "Internal error", 500, null, path, List.of()));
    }

    /**
     * The request's path as problems echo it and the log shows it: without what looks like a person
     * number, which a caller may have put in a path by mistake (a CPR number as a case id).
     */
    private static String pathOf(UriInfo uri) {
        return withoutPersonNumbers(uri.getPath());
    }

    static String withoutPersonNumbers(String path) {
        return PERSON_NUMBER.matcher(path).replaceAll("*");
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
