package dk.overblik.contracts.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.validation.Fields.Need;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads cases, documents and deletions from untrusted JSON (a vendor's request body, a record on
 * Kafka) and checks every rule of the ingest contract, reporting all violations with field paths.
 * This is the only way into the contract types from outside, so nothing invalid gets further.
 */
public final class RecordReader {
    private static final Set<String> CASE_FIELDS = Set.of("id", "tenant", "sourceSystem", "caseNumber", "title",
            "titleAlternative", "description", "kle", "progress", "sourceStatus", "sensitivity", "parties",
            "responsibleUnit", "primaryCaseworker", "openedAt", "closedAt", "registeredAt", "deepLink");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "tenant", "sourceSystem", "caseIds",
            "documentNumber", "title", "type", "letterDate", "sensitivity", "parties", "registeredAt", "deepLink");
    private static final Set<String> DELETION_FIELDS = Set.of("id", "tenant", "sourceSystem", "registeredAt");
    private static final Set<String> KLE_FIELDS = Set.of("subject", "facet");
    private static final Set<String> PARTY_FIELDS = Set.of("role", "ref");

    private final Clock clock;

    public RecordReader(Clock clock) {
        this.clock = clock;
    }

    public static RecordReader withSystemClock() {
        return new RecordReader(Clock.systemUTC());
    }

    /**
     * A reader that checks registration times against {@code now} instead of its clock. A consumer
     * reads a record as of the time the record was published, so that every consumer, and every
     * replay, decides alike about the same record.
     */
    public RecordReader asOf(Instant now) {
        return new RecordReader(Clock.fixed(now, ZoneOffset.UTC));
    }

    public ReadResult<CaseRecord> readCase(byte[] json) {
        return parse(json).map(this::readCase).orElseGet(RecordReader::malformed);
    }

    public ReadResult<CaseRecord> readCase(JsonNode node) {
        return readCase(node, "");
    }

    /** Reads a case; {@code pathPrefix} goes before every violation path (e.g. {@code [3]} in a batch). */
    public ReadResult<CaseRecord> readCase(JsonNode node, String pathPrefix) {
        List<Violation> violations = new ArrayList<>();
        Fields f = new Fields(node, pathPrefix, violations);
        if (!f.isObject()) {
            return ReadResult.invalid(violations);
        }
        f.rejectUnknown(CASE_FIELDS);
        UUID id = f.uuid("id", Need.REQUIRED);
        String tenant = f.tenant("tenant");
        String sourceSystem = f.sourceSystem("sourceSystem");
        String caseNumber = f.text("caseNumber", Need.REQUIRED, ContractLimits.CASE_NUMBER_MAX, true);
        String title = f.text("title", Need.REQUIRED, ContractLimits.TITLE_MAX, true);
        String titleAlternative = f.text("titleAlternative", Need.OPTIONAL, ContractLimits.TITLE_MAX, true);
        String description = f.text("description", Need.OPTIONAL, ContractLimits.DESCRIPTION_MAX, false);
        Kle kle = readKle(f);
        Progress progress = f.enumValue("progress", Need.REQUIRED, Progress.class);
        String sourceStatus = f.text("sourceStatus", Need.OPTIONAL, ContractLimits.SOURCE_STATUS_MAX, true);
        Sensitivity sensitivity = f.enumValue("sensitivity", Need.REQUIRED, Sensitivity.class);
        List<Party> parties = readParties(f, 1);
        UUID responsibleUnit = f.uuid("responsibleUnit", Need.REQUIRED);
        UUID primaryCaseworker = f.uuid("primaryCaseworker", Need.OPTIONAL);
        Instant openedAt = f.instant("openedAt", Need.REQUIRED);
        Instant closedAt = f.instant("closedAt", Need.OPTIONAL);
        Instant registeredAt = registeredAt(f);
        String deepLink = f.httpUrl("deepLink", ContractLimits.DEEP_LINK_MAX);

        if (openedAt != null && closedAt != null && closedAt.isBefore(openedAt)) {
            f.add(f.path("closedAt"), ViolationCode.INCONSISTENT, "must not be before openedAt");
        }
        if (progress == Progress.AFSLUTTET && closedAt == null && f.present("closedAt", Need.OPTIONAL) == null) {
            f.add(f.path("closedAt"), ViolationCode.INCONSISTENT, "is required when progress is AFSLUTTET");
        }
        if (progress != null && progress != Progress.AFSLUTTET && closedAt != null) {
            f.add(f.path("closedAt"), ViolationCode.INCONSISTENT, "must be empty unless progress is AFSLUTTET");
        }
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations);
        }
        return ReadResult.valid(new CaseRecord(id, tenant, sourceSystem, caseNumber, title, titleAlternative,
                description, kle, progress, sourceStatus, sensitivity, parties, responsibleUnit, primaryCaseworker,
                openedAt, closedAt, registeredAt, deepLink));
    }

    public ReadResult<DocumentRecord> readDocument(byte[] json) {
        return parse(json).map(this::readDocument).orElseGet(RecordReader::malformed);
    }

    public ReadResult<DocumentRecord> readDocument(JsonNode node) {
        return readDocument(node, "");
    }

    public ReadResult<DocumentRecord> readDocument(JsonNode node, String pathPrefix) {
        List<Violation> violations = new ArrayList<>();
        Fields f = new Fields(node, pathPrefix, violations);
        if (!f.isObject()) {
            return ReadResult.invalid(violations);
        }
        f.rejectUnknown(DOCUMENT_FIELDS);
        UUID id = f.uuid("id", Need.REQUIRED);
        String tenant = f.tenant("tenant");
        String sourceSystem = f.sourceSystem("sourceSystem");
        List<UUID> caseIds = readCaseIds(f);
        String documentNumber = f.text("documentNumber", Need.REQUIRED, ContractLimits.DOCUMENT_NUMBER_MAX, true);
        String title = f.text("title", Need.REQUIRED, ContractLimits.TITLE_MAX, true);
        DocumentType type = f.enumValue("type", Need.REQUIRED, DocumentType.class);
        var letterDate = f.date("letterDate", Need.REQUIRED);
        Sensitivity sensitivity = f.enumValue("sensitivity", Need.REQUIRED, Sensitivity.class);
        List<Party> parties = readParties(f, 0);
        Instant registeredAt = registeredAt(f);
        String deepLink = f.httpUrl("deepLink", ContractLimits.DEEP_LINK_MAX);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations);
        }
        return ReadResult.valid(new DocumentRecord(id, tenant, sourceSystem, caseIds, documentNumber, title, type,
                letterDate, sensitivity, parties, registeredAt, deepLink));
    }

    public ReadResult<Deletion> readDeletion(byte[] json) {
        return parse(json).map(this::readDeletion).orElseGet(RecordReader::malformed);
    }

    public ReadResult<Deletion> readDeletion(JsonNode node) {
        List<Violation> violations = new ArrayList<>();
        Fields f = new Fields(node, "", violations);
        if (!f.isObject()) {
            return ReadResult.invalid(violations);
        }
        f.rejectUnknown(DELETION_FIELDS);
        UUID id = f.uuid("id", Need.REQUIRED);
        String tenant = f.tenant("tenant");
        String sourceSystem = f.sourceSystem("sourceSystem");
        Instant registeredAt = registeredAt(f);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations);
        }
        return ReadResult.valid(new Deletion(id, tenant, sourceSystem, registeredAt));
    }

    /** Checks a registration time given outside a JSON body (e.g. a query parameter of a DELETE). */
    public List<Violation> checkRegisteredAt(Instant registeredAt, String path) {
        if (registeredAt.isAfter(clock.instant().plus(ContractLimits.FUTURE_TOLERANCE))) {
            return List.of(futureViolation(path));
        }
        // The registration time is the record's version, and OpenSearch's external versions cannot be negative:
        // one such record would make OpenSearch refuse its whole bulk request.
        if (registeredAt.isBefore(ContractLimits.EARLIEST_REGISTRATION)) {
            return List.of(new Violation(path, ViolationCode.OUT_OF_RANGE, "must not lie before " + ContractLimits.EARLIEST_REGISTRATION));
        }
        return List.of();
    }

    private Instant registeredAt(Fields f) {
        Instant registeredAt = f.instant("registeredAt", Need.REQUIRED);
        if (registeredAt == null) {
            return null;
        }
        List<Violation> violations = checkRegisteredAt(registeredAt, f.path("registeredAt"));
        violations.forEach(v -> f.add(v.path(), v.code(), v.message()));
        return violations.isEmpty() ? registeredAt : null;
    }

    private static Violation futureViolation(String path) {
        return new Violation(path, ViolationCode.IN_FUTURE, "must not lie more than "
                + ContractLimits.FUTURE_TOLERANCE.toMinutes() + " minutes in the future");
    }

    private static Kle readKle(Fields f) {
        Fields kle = f.nested("kle", Need.REQUIRED);
        if (kle == null || !kle.isObject()) {
            return null;
        }
        kle.rejectUnknown(KLE_FIELDS);
        String subject = kle.text("subject", Need.REQUIRED, 8, true);
        String facet = kle.text("facet", Need.REQUIRED, 3, true);
        boolean valid = true;
        if (subject != null && !Kle.isSubject(subject)) {
            kle.add(kle.path("subject"), ViolationCode.BAD_KLE_SUBJECT, "must be a KLE subject NN.NN.NN, e.g. 27.24.00");
            valid = false;
        }
        if (facet != null && !Kle.isFacet(facet)) {
            kle.add(kle.path("facet"), ViolationCode.BAD_KLE_FACET,
                    "must be a KLE action facet: a capital letter and two digits, e.g. G01");
            valid = false;
        }
        return valid && subject != null && facet != null ? new Kle(subject, facet) : null;
    }

    private static List<Party> readParties(Fields f, int minItems) {
        List<JsonNode> items = f.array("parties", Need.REQUIRED, minItems, ContractLimits.PARTIES_MAX);
        if (items == null) {
            return null;
        }
        List<Party> parties = new ArrayList<>(items.size());
        Set<Party> seen = new HashSet<>();
        String arrayPath = f.path("parties");
        for (int i = 0; i < items.size(); i++) {
            Fields p = Fields.element(items.get(i), arrayPath, i, f.violations());
            if (!p.isObject()) {
                continue;
            }
            p.rejectUnknown(PARTY_FIELDS);
            PartyRole role = p.enumValue("role", Need.REQUIRED, PartyRole.class);
            PartyRef ref = null;
            JsonNode refNode = p.present("ref", Need.REQUIRED);
            if (refNode != null) {
                Optional<PartyRef> parsed = refNode.isTextual() ? PartyRef.tryParse(refNode.textValue()) : Optional.empty();
                if (parsed.isEmpty()) {
                    p.add(p.path("ref"), ViolationCode.BAD_PARTY_REF,
                            "must be urn:oio:cpr-nr:<10 digits, a valid date first> or urn:oio:cvr-nr:<8 digits, modulus 11>");
                } else {
                    ref = parsed.get();
                }
            }
            if (role != null && ref != null) {
                Party party = new Party(role, ref);
                if (!seen.add(party)) {
                    p.add(arrayPath + "[" + i + "]", ViolationCode.DUPLICATE, "repeats an earlier party with the same role");
                }
                parties.add(party);
            }
        }
        return parties;
    }

    private static List<UUID> readCaseIds(Fields f) {
        List<JsonNode> items = f.array("caseIds", Need.REQUIRED, 1, ContractLimits.CASE_IDS_MAX);
        if (items == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>(items.size());
        Set<UUID> seen = new HashSet<>();
        String arrayPath = f.path("caseIds");
        for (int i = 0; i < items.size(); i++) {
            UUID id = f.uuidValue(items.get(i), arrayPath + "[" + i + "]");
            if (id != null) {
                if (!seen.add(id)) {
                    f.add(arrayPath + "[" + i + "]", ViolationCode.DUPLICATE, "repeats an earlier case id");
                }
                ids.add(id);
            }
        }
        return ids;
    }

    private static Optional<JsonNode> parse(byte[] json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Reading JSON from a byte array cannot fail with I/O", e);
        }
    }

    private static <T> ReadResult<T> malformed() {
        return ReadResult.invalid(List.of(new Violation("$", ViolationCode.MALFORMED_JSON, "is not well-formed JSON")));
    }
}
