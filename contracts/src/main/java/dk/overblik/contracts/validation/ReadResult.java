package dk.overblik.contracts.validation;

import java.util.List;
import java.util.Optional;

/** A record read from untrusted input: the value when every rule holds, otherwise every violation found. */
public record ReadResult<T>(T value, List<Violation> violations) {

    public ReadResult {
        violations = List.copyOf(violations);
        if ((value == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("A read result holds a value or violations, not both");
        }
    }

    public static <T> ReadResult<T> valid(T value) {
        return new ReadResult<>(value, List.of());
    }

    public static <T> ReadResult<T> invalid(List<Violation> violations) {
        return new ReadResult<>(null, violations);
    }

    public boolean isValid() {
        return value != null;
    }

    public Optional<T> asOptional() {
        return Optional.ofNullable(value);
    }
}
