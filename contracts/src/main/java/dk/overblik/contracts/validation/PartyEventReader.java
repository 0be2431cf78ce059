package dk.overblik.contracts.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.party.CprBusinessEvent;
import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.party.PartyEventType;
import dk.overblik.contracts.validation.Fields.Need;
import dk.overblik.contracts.value.Cpr;
import dk.overblik.contracts.value.PartyRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads party events from untrusted JSON, in either form (DESIGN section 3): Overblik's own
 * ({@code party}, {@code type}, two municipality codes) or the national data distributor's CPR
 * event ({@code personId}, {@code objekthandling}), which it translates.
 */
public final class PartyEventReader {
    private static final Set<String> PARTY_EVENT_FIELDS = Set.of("eventId", "party", "type", "previousMunicipalityCode",
            "currentMunicipalityCode", "effectiveAt");
    private static final Set<String> CPR_EVENT_FIELDS = Set.of("eventId", "personId", "objekthandling", "effectiveAt");
    private static final Pattern MUNICIPALITY_CODE = Pattern.compile("\\d{3,4}");
    private static final Pattern OBJEKTHANDLING = Pattern.compile(
            "\\s*([^;]+);\\s*KommuneTidligere:\\s*(\\d*)\\s*;\\s*KommuneNuvaerende:\\s*(\\d*)\\s*");

    private PartyEventReader() {
    }

    /** Either form: a body with {@code objekthandling} is a CPR event, anything else a party event. */
    public static ReadResult<PartyEvent> read(JsonNode node) {
        return node != null && node.has("objekthandling") ? readCprEvent(node) : readPartyEvent(node);
    }

    public static ReadResult<PartyEvent> readPartyEvent(JsonNode node) {
        List<Violation> violations = new ArrayList<>();
        Fields f = new Fields(node, "", violations);
        if (!f.isObject()) {
            return ReadResult.invalid(violations);
        }
        f.rejectUnknown(PARTY_EVENT_FIELDS);
        UUID eventId = f.uuid("eventId", Need.REQUIRED);
        PartyRef party = null;
        JsonNode partyNode = f.present("party", Need.REQUIRED);
        if (partyNode != null) {
            Optional<PartyRef> parsed = partyNode.isTextual() ? PartyRef.tryParse(partyNode.textValue()) : Optional.empty();
            if (parsed.isEmpty()) {
                f.add("party", ViolationCode.BAD_PARTY_REF, "must be urn:oio:cpr-nr:<10 digits> or urn:oio:cvr-nr:<8 digits>");
            }
            party = parsed.orElse(null);
        }
        PartyEventType type = f.enumValue("type", Need.REQUIRED, PartyEventType.class);
        String previous = municipalityCode(f, "previousMunicipalityCode");
        String current = municipalityCode(f, "currentMunicipalityCode");
        Instant effectiveAt = f.instant("effectiveAt", Need.REQUIRED);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations);
        }
        return ReadResult.valid(new PartyEvent(eventId, party, type, previous, current, effectiveAt));
    }

    public static ReadResult<PartyEvent> readCprEvent(JsonNode node) {
        List<Violation> violations = new ArrayList<>();
        Fields f = new Fields(node, "", violations);
        if (!f.isObject()) {
            return ReadResult.invalid(violations);
        }
        f.rejectUnknown(CPR_EVENT_FIELDS);
        UUID eventId = f.uuid("eventId", Need.REQUIRED);
        String personId = f.text("personId", Need.REQUIRED, 10, true);
        if (personId != null && !Cpr.isValid(personId)) {
            f.add("personId", ViolationCode.BAD_PARTY_REF, "must be a CPR number: 10 digits, a valid date first");
            personId = null;
        }
        String objekthandling = f.text("objekthandling", Need.REQUIRED, 200, true);
        CprBusinessEvent event = null;
        String previous = null;
        String current = null;
        if (objekthandling != null) {
            Matcher m = OBJEKTHANDLING.matcher(objekthandling);
            if (!m.matches()) {
                f.add("objekthandling", ViolationCode.BAD_FORMAT,
                        "must read <business event>;KommuneTidligere:<code>;KommuneNuvaerende:<code>");
            } else {
                event = CprBusinessEvent.of(m.group(1)).orElse(null);
                if (event == null) {
                    f.add("objekthandling", ViolationCode.BAD_ENUM, "has an unknown business event; known: Flytning, Doedsfald, Adressebeskyttelse");
                }
                previous = m.group(2).isEmpty() ? null : m.group(2);
                current = m.group(3).isEmpty() ? null : m.group(3);
            }
        }
        Instant effectiveAt = f.instant("effectiveAt", Need.REQUIRED);
        if (!violations.isEmpty()) {
            return ReadResult.invalid(violations);
        }
        return ReadResult.valid(new PartyEvent(eventId, PartyRef.cpr(personId), event.partyEventType(), previous, current, effectiveAt));
    }

    private static String municipalityCode(Fields f, String name) {
        String code = f.text(name, Need.OPTIONAL, 4, true);
        if (code != null && !MUNICIPALITY_CODE.matcher(code).matches()) {
            f.add(f.path(name), ViolationCode.BAD_FORMAT, "must be a municipality code of 3 digits, e.g. 751");
            return null;
        }
        return code;
    }
}
