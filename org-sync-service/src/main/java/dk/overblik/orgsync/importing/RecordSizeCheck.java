package dk.overblik.orgsync.importing;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.orgsync.publish.OutboxEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record larger than the compacted topics take would stay in the outbox for good, refused by
 * Kafka on every try, and hold up every record after it. An export that would give one is refused
 * instead, naming the unit or user whose record it is.
 */
final class RecordSizeCheck {
    private RecordSizeCheck() {
    }

    static List<Violation> check(OrgExport export, List<OutboxEntry> outbox, int maxBytes) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> pathByKey = null;
        for (OutboxEntry entry : outbox) {
            // A UTF-16 char is at most 3 bytes in UTF-8 (a surrogate pair is 4 for 2): most records need no encoding.
            if (entry.payload() == null || (long) entry.payload().length() * 3 <= maxBytes) {
                continue;
            }
            int bytes = entry.payload().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                if (pathByKey == null) {
                    pathByKey = pathByKey(export);
                }
                String what = entry.topic().equals(Topics.ACCESS) ? "gives an access record" : "gives a record";
                violations.add(new Violation(pathByKey.getOrDefault(entry.topic() + "|" + entry.key(), ""), ViolationCode.TOO_LONG,
                        what + " of " + bytes + " bytes on " + entry.topic() + ", over the " + maxBytes + " bytes allowed"));
            }
        }
        return violations;
    }

    private static Map<String, String> pathByKey(OrgExport export) {
        String tenant = export.municipality();
        Map<String, String> paths = new HashMap<>();
        for (int i = 0; i < export.orgUnits().size(); i++) {
            paths.put(Topics.ORG + "|" + OrgUnitState.key(tenant, export.orgUnits().get(i).uuid()), "OrgUnits[" + i + "]");
        }
        for (int i = 0; i < export.users().size(); i++) {
            paths.put(Topics.ORG + "|" + OrgUnitState.key(tenant, export.users().get(i).uuid()), "Users[" + i + "]");
            paths.put(Topics.ACCESS + "|" + EffectiveAccess.key(tenant, export.users().get(i).userId()), "Users[" + i + "]");
        }
        return paths;
    }
}
