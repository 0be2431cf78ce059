package dk.overblik.orgsync.importing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One attempt to sync a municipality's organisation, as the status endpoint shows it. */
@Entity
@Table(name = "sync_run")
public class SyncRun extends PanacheEntityBase {
    @Id
    public Long id;

    public String tenant;

    @Enumerated(EnumType.STRING)
    public ImportChannel channel;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Enumerated(EnumType.STRING)
    public SyncOutcome outcome;

    @Column(name = "units_added")
    public int unitsAdded;
    @Column(name = "units_changed")
    public int unitsChanged;
    @Column(name = "units_removed")
    public int unitsRemoved;
    @Column(name = "users_added")
    public int usersAdded;
    @Column(name = "users_changed")
    public int usersChanged;
    @Column(name = "users_removed")
    public int usersRemoved;
    @Column(name = "access_published")
    public int accessPublished;

    /** JSON: a detail and the violations of a refused export. */
    public String report;

    public static Uni<SyncRun> latest(String tenant) {
        return find("tenant = ?1 order by id desc", tenant).firstResult();
    }

    public static Uni<SyncRun> latestApplied(String tenant) {
        return find("tenant = ?1 and outcome = ?2 order by id desc", tenant, SyncOutcome.APPLIED).firstResult();
    }
}
