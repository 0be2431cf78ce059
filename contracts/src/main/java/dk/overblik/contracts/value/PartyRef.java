package dk.overblik.contracts.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.Optional;

/** A party reference: {@code urn:oio:cpr-nr:<10 digits>} (a person) or {@code urn:oio:cvr-nr:<8 digits>} (a company). */
public record PartyRef(Kind kind, String number) {

    public enum Kind {
        CPR("urn:oio:cpr-nr:"),
        CVR("urn:oio:cvr-nr:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public PartyRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        boolean valid = kind == Kind.CPR ? Cpr.isValid(number) : Cvr.isValid(number);
        if (!valid) {
            // The number itself stays out of the message: it may be a CPR number.
            throw new IllegalArgumentException("Not a valid " + kind + " number");
        }
    }

    public static PartyRef cpr(String number) {
        return new PartyRef(Kind.CPR, number);
    }

    public static PartyRef cvr(String number) {
        return new PartyRef(Kind.CVR, number);
    }

    /** Parses a URN; empty when it is not a well-formed CPR or CVR reference. */
    public static Optional<PartyRef> tryParse(String urn) {
        if (urn == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (urn.startsWith(kind.prefix)) {
                String number = urn.substring(kind.prefix.length());
                boolean valid = kind == Kind.CPR ? Cpr.isValid(number) : Cvr.isValid(number);
                return valid ? Optional.of(new PartyRef(kind, number)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static PartyRef parse(String urn) {
        return tryParse(urn).orElseThrow(() -> new IllegalArgumentException(
                "Not a party reference of the form urn:oio:cpr-nr:<10 digits> or urn:oio:cvr-nr:<8 digits>"));
    }

    @JsonValue
    public String urn() {
        return kind.prefix + number;
    }

    /** Never the number itself: a PartyRef may end up in a log line. */
    @Override
    public String toString() {
        return "PartyRef[" + kind + "]";
    }
}
