package dk.overblik.orgsync.org;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgUnitRegistration;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** A unit of the last good organisation (written by the import, read here). */
@Entity
@Table(name = "org_unit")
@IdClass(TenantKey.class)
public class OrgUnitEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    public UUID uuid;

    @Column(name = "short_key")
    public String shortKey;

    public String name;

    @Column(name = "parent_uuid")
    public UUID parentUuid;

    /** The registration as the export gave it (canonical JSON). */
    public String registration;

    public OrgUnitRegistration toRegistration() {
        try {
            return Json.mapper().readValue(registration, OrgUnitRegistration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Uni<List<OrgUnitEntity>> ofTenant(String tenant) {
        return list("tenant", tenant);
    }
}
