package dk.overblik.service.security;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, from the validated token: the login name ({@code preferred_username}), the
 * municipality (a person's CVR), the roles, and for a vendor system the source system it
 * speaks for and the municipalities it may write for.
 */
public record Caller(String userId, String municipality, Set<String> roles, String sourceSystem, List<String> municipalities) {

    /** The caller's municipality; 403 when the token names none, since what they ask for is kept per municipality. */
    public String requireMunicipality() {
        if (municipality == null) {
            throw new dk.overblik.service.problem.ProblemException(403, "no-municipality", "No municipality in the token",
                    "The token names no municipality, and what it asks for is kept per municipality.");
        }
        return municipality;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether a vendor system may write records of this source system for this municipality. */
    public boolean speaksFor(String sourceSystem, String tenant) {
        return this.sourceSystem != null && this.sourceSystem.equals(sourceSystem) && municipalities.contains(tenant);
    }
}
