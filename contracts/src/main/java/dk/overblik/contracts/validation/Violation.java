package dk.overblik.contracts.validation;

/**
 * One thing wrong with an input record. {@code path} names the field ({@code kle.subject},
 * {@code parties[1].ref}, {@code [3].title} in a batch); {@code message} is for humans and never
 * repeats the offending value, which may be personal data.
 */
public record Violation(String path, ViolationCode code, String message) {
}
