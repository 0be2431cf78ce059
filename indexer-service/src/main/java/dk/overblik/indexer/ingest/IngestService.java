package dk.overblik.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.RecordKey;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.validation.IsoText;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.Cvr;
import dk.overblik.indexer.quality.QualityRecorder;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The vendor API's rules: every contract rule is checked, a batch is accepted whole or not at
 * all, a vendor writes only for its own source system and municipalities and only ids that are
 * not another source system's ({@link RecordOwnership}), and nothing invalid reaches Kafka.
 * Accepted records are published before the answer (202) goes out.
 */
@ApplicationScoped
public class IngestService {
    public static final int MAX_BATCH = 1_000;

    private final RecordReader reader;
    private final RecordPublisher publisher;
    private final QualityRecorder quality;
    private final RecordOwnership ownership;

    public IngestService(RecordReader reader, RecordPublisher publisher, QualityRecorder quality, RecordOwnership ownership) {
        this.reader = reader;
        this.publisher = publisher;
        this.quality = quality;
        this.ownership = ownership;
    }

    public Uni<Integer> one(RecordKind kind, Caller caller, byte[] body) {
        JsonNode node = parse(body, kind);
        return accept(kind, caller, List.of(node), false);
    }

    public Uni<Integer> batch(RecordKind kind, Caller caller, byte[] body) {
        JsonNode node = parse(body, kind);
        if (!node.isArray()) {
            throw new InvalidInputException("A batch is a JSON array of " + kind.noun() + "s.",
                    List.of(new Violation("$", ViolationCode.WRONG_TYPE, "must be a JSON array")));
        }
        if (node.size() > MAX_BATCH) {
            throw new InvalidInputException("A batch holds at most " + MAX_BATCH + " records.",
                    List.of(new Violation("$", ViolationCode.TOO_MANY, "must hold at most " + MAX_BATCH + " records")));
        }
        if (node.isEmpty()) {
            throw new InvalidInputException("The batch is empty.", List.of(new Violation("$", ViolationCode.TOO_FEW, "must hold at least one record")));
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return accept(kind, caller, items, true);
    }

    private Uni<Integer> accept(RecordKind kind, Caller caller, List<JsonNode> items, boolean batch) {
        List<Violation> violations = new ArrayList<>();
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReadResult<?> result = kind.read(reader, items.get(i), batch ? "[" + i + "]" : "");
            if (result.isValid()) {
                records.add(result.value());
            } else {
                violations.addAll(result.violations());
                JsonNode item = items.get(i);
                String tenant = textOr(item, "tenant", QualityRecorder.UNKNOWN);
                String system = textOr(item, "sourceSystem", caller.sourceSystem());
                quality.rejected(Cvr.isValid(tenant) ? tenant : QualityRecorder.UNKNOWN,
                        system != null && system.matches("[a-z0-9][a-z0-9._-]*") ? system : caller.sourceSystem(), result.violations());
            }
        }
        if (!violations.isEmpty()) {
            String which = batch ? "the batch breaks" : "the " + kind.noun() + " breaks";
            throw new InvalidInputException(capitalise(which) + " the ingest contract; nothing was accepted.", violations);
        }
        List<RecordPublisher.Event> events = new ArrayList<>();
        for (Object record : records) {
            RecordKind.Fields fields = kind.fields(record);
            VendorScope.require(caller, fields.sourceSystem(), fields.tenant());
            events.add(new RecordPublisher.Event(kind, kind.upsertedType(), fields, record));
        }
        return ownership.require(kind, events.stream().map(RecordPublisher.Event::fields).toList(), batch)
                .chain(() -> publisher.publish(events)).replaceWith(records.size());
    }

    /** A deletion by the source: {@code DELETE .../{id}?registeredAt=...&tenant=...}. */
    public Uni<Integer> delete(RecordKind kind, Caller caller, String id, String registeredAt, String tenant) {
        List<Violation> violations = new ArrayList<>();
        // Exact, as in a record body: UUID.fromString would take "1-2-3-4-5".
        UUID uuid = IsoText.uuid(id);
        if (uuid == null) {
            violations.add(new Violation("id", ViolationCode.BAD_UUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)"));
        }
        Instant registered = null;
        if (registeredAt == null || registeredAt.isBlank()) {
            violations.add(new Violation("registeredAt", ViolationCode.REQUIRED, "is required: when the source deleted the record"));
        } else {
            try {
                registered = IsoText.instant(registeredAt);
                violations.addAll(reader.checkRegisteredAt(registered, "registeredAt"));
            } catch (DateTimeParseException e) {
                violations.add(new Violation("registeredAt", ViolationCode.BAD_TIMESTAMP, "must be an ISO-8601 timestamp with a zone"));
            }
        }
        String municipality = tenant;
        if (municipality == null || municipality.isBlank()) {
            if (caller.municipalities().size() == 1) {
                municipality = caller.municipalities().get(0);
            } else {
                violations.add(new Violation("tenant", ViolationCode.REQUIRED,
                        "is required when the client writes for several municipalities"));
            }
        } else if (!Cvr.isValid(municipality)) {
            violations.add(new Violation("tenant", ViolationCode.BAD_TENANT, "must be the municipality's CVR number"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The deletion cannot be accepted.", violations);
        }
        if (caller.sourceSystem() == null) {
            throw new ProblemException(403, "outside-vendor-scope", "Not a vendor system", "Only a vendor system deletes its records.");
        }
        Deletion deletion = new Deletion(uuid, municipality, caller.sourceSystem(), registered);
        VendorScope.require(caller, deletion.sourceSystem(), deletion.tenant());
        RecordKind.Fields fields = new RecordKind.Fields(deletion.id(), RecordKey.of(deletion.tenant(), deletion.id()),
                RegistrationVersion.of(registered), deletion.tenant(), deletion.sourceSystem(), registered);
        return ownership.require(kind, List.of(fields), false)
                .chain(() -> publisher.publish(List.of(new RecordPublisher.Event(kind, kind.deletedType(), fields, deletion))))
                .replaceWith(1);
    }

    private static JsonNode parse(byte[] body, RecordKind kind) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException("The body is not well-formed JSON.",
                    List.of(new Violation("$", ViolationCode.MALFORMED_JSON, "is not well-formed JSON")));
        }
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() && value.textValue().length() <= 64 ? value.textValue() : fallback;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
