package dk.overblik.contracts.org;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A full export of one municipality's organisation in the shape OS2sync uses for its
 * registrations (PascalCase names): every unit and every user. A full export is the whole truth:
 * a unit or user it no longer contains has ended. KLE is given by number ({@code 27}, {@code 27.24},
 * {@code 27.24.00}), not by catalogue UUID, because Overblik ships no KLE catalogue.
 */
public record OrgExport(
        @JsonProperty("Municipality") String municipality,
        @JsonProperty("ExportedAt") Instant exportedAt,
        @JsonProperty("OrgUnits") List<OrgUnitRegistration> orgUnits,
        @JsonProperty("Users") List<UserRegistration> users) {

    public OrgExport {
        orgUnits = List.copyOf(orgUnits);
        users = List.copyOf(users);
    }
}
