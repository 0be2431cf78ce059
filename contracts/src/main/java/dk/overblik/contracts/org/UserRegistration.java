package dk.overblik.contracts.org;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * An employee: {@code UserId} is the login name that tokens carry ({@code preferred_username});
 * {@code Kle} is the user's own KLE; {@code Clearance} the highest sensitivity level (1-4) they may see.
 */
public record UserRegistration(
        @JsonProperty("Uuid") UUID uuid,
        @JsonProperty("UserId") String userId,
        @JsonProperty("Name") String name,
        @JsonProperty("Positions") List<Position> positions,
        @JsonProperty("Kle") List<String> kle,
        @JsonProperty("Clearance") int clearance) {

    public UserRegistration {
        positions = positions == null ? List.of() : List.copyOf(positions);
        kle = kle == null ? List.of() : List.copyOf(kle);
    }

    /** A position the user holds: a title in a unit. */
    public record Position(@JsonProperty("Name") String name, @JsonProperty("OrgUnitUuid") UUID orgUnitUuid) {
    }
}
