package dk.overblik.contracts.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The ingest contract's examples (DESIGN section 2), as fresh mutable JSON trees. */
final class Samples {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final RecordReader READER = new RecordReader(Clock.fixed(NOW, ZoneOffset.UTC));

    private Samples() {
    }

    static ObjectNode caseJson() {
        return parse("""
                {
                  "id": "3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b",
                  "tenant": "55133018",
                  "sourceSystem": "esdh",
                  "caseNumber": "27.24.00-G01-123-24",
                  "title": "Ansøgning om boligstøtte",
                  "titleAlternative": null,
                  "description": null,
                  "kle": { "subject": "27.24.00", "facet": "G01" },
                  "progress": "OPLYST",
                  "sourceStatus": "Under behandling",
                  "sensitivity": "FORTROLIGE_PERSONOPLYSNINGER",
                  "parties": [ { "role": "PRIMARY", "ref": "urn:oio:cpr-nr:0101801234" } ],
                  "responsibleUnit": "9a1b2c3d-0000-4000-8000-000000000001",
                  "primaryCaseworker": null,
                  "openedAt": "2024-03-01T09:00:00Z",
                  "closedAt": null,
                  "registeredAt": "2024-03-05T10:15:30.123Z",
                  "deepLink": "https://esdh.example/sag/123"
                }
                """);
    }

    static ObjectNode documentJson() {
        return parse("""
                {
                  "id": "6a0c3d1e-1111-4a52-9a57-0c1d2e3f4a5b",
                  "tenant": "55133018",
                  "sourceSystem": "esdh",
                  "caseIds": ["3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b"],
                  "documentNumber": "123-24-1",
                  "title": "Ansøgning",
                  "type": "INCOMING_LETTER",
                  "letterDate": "2024-03-01",
                  "sensitivity": "FORTROLIGE_PERSONOPLYSNINGER",
                  "parties": [ { "role": "PRIMARY", "ref": "urn:oio:cpr-nr:0101801234" } ],
                  "registeredAt": "2024-03-05T10:15:30.123Z",
                  "deepLink": "https://esdh.example/dok/1"
                }
                """);
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
