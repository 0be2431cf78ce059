package dk.overblik.orgsync.importing;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.orgsync.access.AccessCalculator;
import dk.overblik.orgsync.access.OrgTree;
import dk.overblik.orgsync.publish.OutboxEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a checked full export changes against the last good state, entity by entity: units and
 * users to write or end, users whose effective access changed, and the records to publish. Access
 * is recomputed for every user whose access may have changed (all of them without a snapshot) and
 * compared with what was last published, so a change to one unit republishes exactly the users it
 * affects, and an unchanged export publishes nothing. {@code recomputedAccess} holds the access of
 * the users it recomputed; {@link Snapshot#after} completes it from the snapshot before.
 */
public record ExportPlan(List<UnitRow> unitsToWrite, List<UUID> unitsToEnd, List<UserRow> usersToWrite, List<UUID> usersToEnd,
                         List<AccessRow> accessToWrite, List<String> accessToEnd, List<OutboxEntry> outbox,
                         SyncReport.Changes units, SyncReport.Changes users, OrgTree tree,
                         Map<String, EffectiveAccess> recomputedAccess) {

    /** The last good state, as hashes: unit and user UUID to content hash, login to access hash. */
    public record Stored(Map<UUID, String> unitHashes, Map<UUID, String> userHashes, Map<String, String> accessHashes) {
    }

    /**
     * The last good state as objects, when this instance still holds it: an entity equal to its
     * snapshot is unchanged without serialising and hashing it again. Must describe exactly the
     * state of {@link Stored}.
     */
    public record Snapshot(Map<UUID, OrgUnitRegistration> units, Map<UUID, UserRegistration> users,
                           Map<String, EffectiveAccess> access, OrgTree tree, boolean orgRestriction) {

        /** The state once {@code plan}, made from {@code export} against {@code before} (null: none), is applied. */
        public static Snapshot after(OrgExport export, ExportPlan plan, Snapshot before, boolean orgRestriction) {
            Map<UUID, OrgUnitRegistration> units = new HashMap<>(capacity(export.orgUnits().size()));
            export.orgUnits().forEach(u -> units.put(u.uuid(), u));
            Map<UUID, UserRegistration> users = new HashMap<>(capacity(export.users().size()));
            Map<String, EffectiveAccess> access = new HashMap<>(capacity(export.users().size()));
            for (UserRegistration user : export.users()) {
                users.put(user.uuid(), user);
                EffectiveAccess recomputed = plan.recomputedAccess().get(user.userId());
                access.put(user.userId(), recomputed != null ? recomputed : before.access().get(user.userId()));
            }
            return new Snapshot(units, users, access, plan.tree(), orgRestriction);
        }

        /** A hash map's initial capacity for {@code entries} without resizing (Java 17 lacks HashMap.newHashMap). */
        private static int capacity(int entries) {
            return (int) (entries / 0.75f) + 1;
        }
    }

    public record UnitRow(OrgUnitRegistration unit, String registration, String hash) {
    }

    public record UserRow(UserRegistration user, String registration, String hash) {
    }

    public record AccessRow(String userId, String access, String hash) {
    }

    public boolean changesNothing() {
        return !units.any() && !users.any() && accessToWrite.isEmpty() && accessToEnd.isEmpty();
    }

    public static ExportPlan of(OrgExport export, Stored stored, boolean orgRestriction) {
        return of(export, stored, null, orgRestriction);
    }

    public static ExportPlan of(OrgExport export, Stored stored, Snapshot snapshot, boolean orgRestriction) {
        String tenant = export.municipality();
        List<OutboxEntry> outbox = new ArrayList<>();

        // Ids are unique (the export was checked), so "every stored entity is still there" is a count;
        // only an export that ends something pays for a set of its ids.
        List<UnitRow> unitsToWrite = new ArrayList<>();
        int unitsAdded = 0;
        for (OrgUnitRegistration unit : export.orgUnits()) {
            if (snapshot != null && unit.equals(snapshot.units().get(unit.uuid()))) {
                continue;
            }
            String registration = Json.toString(unit);
            String hash = sha256(registration);
            String before = stored.unitHashes().get(unit.uuid());
            if (!hash.equals(before)) {
                unitsAdded += before == null ? 1 : 0;
                unitsToWrite.add(new UnitRow(unit, registration, hash));
                outbox.add(new OutboxEntry(Topics.ORG, OrgUnitState.key(tenant, unit.uuid()), EventTypes.ORG_UNIT,
                        Json.toString(OrgUnitState.of(tenant, unit))));
            }
        }
        List<UUID> unitsToEnd = missing(stored.unitHashes().keySet(), export.orgUnits().size() - unitsAdded,
                () -> export.orgUnits().stream().map(OrgUnitRegistration::uuid));
        unitsToEnd.forEach(id -> outbox.add(new OutboxEntry(Topics.ORG, OrgUnitState.key(tenant, id), EventTypes.ORG_UNIT, null)));

        List<UserRow> usersToWrite = new ArrayList<>();
        Set<UUID> changedUsers = new HashSet<>();
        int usersAdded = 0;
        for (UserRegistration user : export.users()) {
            if (snapshot != null && user.equals(snapshot.users().get(user.uuid()))) {
                continue;
            }
            String registration = Json.toString(user);
            String hash = sha256(registration);
            String before = stored.userHashes().get(user.uuid());
            if (!hash.equals(before)) {
                usersAdded += before == null ? 1 : 0;
                usersToWrite.add(new UserRow(user, registration, hash));
                changedUsers.add(user.uuid());
                outbox.add(new OutboxEntry(Topics.ORG, OrgUnitState.key(tenant, user.uuid()), EventTypes.ORG_USER,
                        Json.toString(OrgUserState.of(tenant, user))));
            }
        }
        List<UUID> usersToEnd = missing(stored.userHashes().keySet(), export.users().size() - usersAdded,
                () -> export.users().stream().map(UserRegistration::uuid));
        usersToEnd.forEach(id -> outbox.add(new OutboxEntry(Topics.ORG, OrgUnitState.key(tenant, id), EventTypes.ORG_USER, null)));

        OrgTree tree = new OrgTree(export.orgUnits());
        Set<UUID> affectedUnits = snapshot == null || snapshot.orgRestriction() != orgRestriction ? null
                : affectedUnits(tree, snapshot.tree(), unitsToWrite, unitsToEnd);
        List<AccessRow> accessToWrite = new ArrayList<>();
        Map<String, EffectiveAccess> recomputed = new HashMap<>();
        int storedLoginsKept = 0;
        for (UserRegistration user : export.users()) {
            if (stored.accessHashes().containsKey(user.userId())) {
                storedLoginsKept++;
            }
            EffectiveAccess previous = snapshot == null ? null : snapshot.access().get(user.userId());
            if (affectedUnits != null && previous != null && !changedUsers.contains(user.uuid())
                    && !holdsPositionIn(user, affectedUnits)) {
                continue; // nothing their access depends on changed
            }
            EffectiveAccess access = AccessCalculator.access(tenant, tree, user, orgRestriction);
            recomputed.put(user.userId(), access);
            if (access.equals(previous)) {
                continue;
            }
            String json = Json.toString(access);
            String hash = sha256(json);
            if (!hash.equals(stored.accessHashes().get(user.userId()))) {
                accessToWrite.add(new AccessRow(user.userId(), json, hash));
                outbox.add(new OutboxEntry(Topics.ACCESS, EffectiveAccess.key(tenant, user.userId()), EventTypes.ACCESS, json));
            }
        }
        List<String> accessToEnd = missing(stored.accessHashes().keySet(), storedLoginsKept,
                () -> export.users().stream().map(UserRegistration::userId));
        accessToEnd.forEach(login -> outbox.add(new OutboxEntry(Topics.ACCESS, EffectiveAccess.key(tenant, login), EventTypes.ACCESS, null)));

        return new ExportPlan(unitsToWrite, unitsToEnd, usersToWrite, usersToEnd, accessToWrite, accessToEnd, outbox,
                new SyncReport.Changes(unitsAdded, unitsToWrite.size() - unitsAdded, unitsToEnd.size()),
                new SyncReport.Changes(usersAdded, usersToWrite.size() - usersAdded, usersToEnd.size()),
                tree, Collections.unmodifiableMap(recomputed));
    }

    /** The stored keys the export no longer has, sorted; {@code kept} of them are known to be in the export. */
    private static <K extends Comparable<K>> List<K> missing(Set<K> storedKeys, int kept, Supplier<Stream<K>> exported) {
        if (kept == storedKeys.size()) {
            return List.of();
        }
        Set<K> inExport = exported.get().collect(Collectors.toSet());
        return storedKeys.stream().filter(key -> !inExport.contains(key)).sorted().toList();
    }

    private static boolean holdsPositionIn(UserRegistration user, Set<UUID> units) {
        for (UserRegistration.Position position : user.positions()) {
            if (units.contains(position.orgUnitUuid())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The units whose positions may give different access after these unit changes: a changed,
     * added or ended unit and everything below it (inherited KLE) and every unit above it, before
     * and after (their organisation scope holds it). Access of users elsewhere cannot change.
     */
    private static Set<UUID> affectedUnits(OrgTree now, OrgTree before, List<UnitRow> written, List<UUID> ended) {
        Set<UUID> affected = new HashSet<>();
        List<UUID> changed = new ArrayList<>(ended);
        written.forEach(u -> changed.add(u.unit().uuid()));
        for (UUID unit : changed) {
            affected.add(unit);
            if (now.unit(unit) != null) {
                affected.addAll(now.subtree(unit));
            }
            if (before.unit(unit) != null) {
                affected.addAll(before.subtree(unit));
            }
            affected.addAll(now.ancestors(unit));
            affected.addAll(before.ancestors(unit));
        }
        return affected;
    }

    /** The stored hashes once this plan is applied to {@code before}. */
    public Stored applyTo(Stored before) {
        Map<UUID, String> unitHashes = new HashMap<>(before.unitHashes());
        unitsToEnd.forEach(unitHashes::remove);
        unitsToWrite.forEach(u -> unitHashes.put(u.unit().uuid(), u.hash()));
        Map<UUID, String> userHashes = new HashMap<>(before.userHashes());
        usersToEnd.forEach(userHashes::remove);
        usersToWrite.forEach(u -> userHashes.put(u.user().uuid(), u.hash()));
        Map<String, String> accessHashes = new HashMap<>(before.accessHashes());
        accessToEnd.forEach(accessHashes::remove);
        accessToWrite.forEach(a -> accessHashes.put(a.userId(), a.hash()));
        return new Stored(unitHashes, userHashes, accessHashes);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
