package dk.overblik.advis.config;

import dk.overblik.contracts.value.Cvr;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The municipalities advis serves: CVR number (the tenant) and the municipality code CPR events use. */
@ApplicationScoped
public class Municipalities {
    private static final Pattern CODE = Pattern.compile("\\d{3}");

    private final Map<String, String> codeByTenant;

    public Municipalities(AdvisConfig config) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : config.municipalities().orElse(List.of())) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2 || !Cvr.isValid(parts[0]) || !CODE.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("overblik.advis.municipalities: '" + entry
                        + "' is not <8-digit CVR>:<3-digit municipality code>");
            }
            codes.put(parts[0], parts[1]);
        }
        this.codeByTenant = Collections.unmodifiableMap(codes);
    }

    /** Tenant (CVR) to municipality code, in configured order. */
    public Map<String, String> codeByTenant() {
        return codeByTenant;
    }

    public Optional<String> codeOf(String tenant) {
        return Optional.ofNullable(codeByTenant.get(tenant));
    }
}
