package dk.overblik.service.problem;

import dk.overblik.contracts.validation.Violation;

import java.util.List;

/** Input that breaks the contract: answered with 400 and every violation, and nothing is done. */
public class InvalidInputException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
