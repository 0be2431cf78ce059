package dk.overblik.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/** The {@link Caller} of the current request, read from its validated token's claims. */
@RequestScoped
public class CurrentCaller {
    static final String MUNICIPALITY = "municipality";
    static final String SOURCE_SYSTEM = "source_system";
    static final String MUNICIPALITIES = "municipalities";

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller get() {
        if (caller == null) {
            List<String> municipalities = token.containsClaim(MUNICIPALITIES)
                    ? token.<JsonArray>getClaim(MUNICIPALITIES).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                    : List.of();
            caller = new Caller(identity.getPrincipal().getName(), token.getClaim(MUNICIPALITY), identity.getRoles(),
                    token.getClaim(SOURCE_SYSTEM), municipalities);
        }
        return caller;
    }
}
