package dk.overblik.orgsync.org;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The key of units and users: unique within a municipality. */
public class TenantKey implements Serializable {
    public String tenant;
    public UUID uuid;

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantKey k && Objects.equals(tenant, k.tenant) && Objects.equals(uuid, k.uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, uuid);
    }
}
