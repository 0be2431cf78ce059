package dk.overblik.overview.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEntryRepository implements PanacheRepository<AuditEntry> {
}
