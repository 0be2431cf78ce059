package dk.overblik.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.overblik.contracts.validation.Violation;

import java.util.List;

/**
 * An RFC 9457 problem detail, with the field-level list of what was wrong ({@code violations}).
 * Served as {@code application/problem+json} by {@link ProblemMappers}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldProblem> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field that was wrong: where, why (a stable code) and what to do. */
    public record FieldProblem(String field, String code, String message) {
        public static FieldProblem of(Violation violation) {
            return new FieldProblem(violation.path(), violation.code().name(), violation.message());
        }
    }

    public static String type(String slug) {
        return "urn:overblik:problem:" + slug;
    }
}
