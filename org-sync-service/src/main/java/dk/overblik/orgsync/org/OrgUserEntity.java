package dk.overblik.orgsync.org;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.UserRegistration;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** An employee of the last good organisation (written by the import, read here). */
@Entity
@Table(name = "org_user")
@IdClass(TenantKey.class)
public class OrgUserEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    public UUID uuid;

    @Column(name = "user_id")
    public String userId;

    public String name;

    public String registration;

    public UserRegistration toRegistration() {
        try {
            return Json.mapper().readValue(registration, UserRegistration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Uni<OrgUserEntity> byLogin(String tenant, String userId) {
        return find("tenant = ?1 and userId = ?2", tenant, userId).firstResult();
    }

    public static Uni<Long> countOfTenant(String tenant) {
        return count("tenant", tenant);
    }
}
