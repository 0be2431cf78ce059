package dk.overblik.simulator;

import dk.overblik.contracts.org.OrgExport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a run delivered, counted as it went. */
public final class Summary {
    long units;
    long users;
    long parties;
    long caseVersions;
    long documents;
    long caseDeletions;
    long documentDeletions;
    long cprEvents;
    long duplicates;
    long outOfOrder;
    long elapsedNanos;

    void organisation(OrgExport export) {
        units += export.orgUnits().size();
        users += export.users().size();
    }

    void count(List<SimRecord> records) {
        parties++;
        SimRecord previous = null;
        Map<UUID, java.time.Instant> lastVersion = new HashMap<>();
        for (SimRecord record : records) {
            if (record.equals(previous)) {
                duplicates++;
            }
            previous = record;
            if (record instanceof SimRecord.CaseVersion c) {
                caseVersions++;
                java.time.Instant before = lastVersion.put(c.record().id(), c.record().registeredAt());
                if (before != null && before.isAfter(c.record().registeredAt())) {
                    outOfOrder++;
                }
            } else if (record instanceof SimRecord.DocumentVersion) {
                documents++;
            } else if (record instanceof SimRecord.CaseDeletion) {
                caseDeletions++;
            } else if (record instanceof SimRecord.DocumentDeletion) {
                documentDeletions++;
            } else if (record instanceof SimRecord.CprEventRecord) {
                cprEvents++;
            }
        }
    }

    public long records() {
        return caseVersions + documents + caseDeletions + documentDeletions + cprEvents;
    }

    public long units() {
        return units;
    }

    public long users() {
        return users;
    }

    public long caseVersions() {
        return caseVersions;
    }

    public long documents() {
        return documents;
    }

    public long cprEvents() {
        return cprEvents;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    @Override
    public String toString() {
        double seconds = Math.max(seconds(), 1e-9);
        return String.format("""
                        organisation: %,d units, %,d users
                        parties:      %,d citizens and companies
                        cases:        %,d registrations (%,d deletions)
                        documents:    %,d registrations (%,d deletions)
                        CPR events:   %,d
                        delivery:     %,d duplicates, %,d versions out of order
                        records:      %,d in %.1f s (%,.0f records/s)""",
                units, users, parties, caseVersions, caseDeletions, documents, documentDeletions, cprEvents, duplicates,
                outOfOrder, records(), seconds(), records() / seconds);
    }
}
