package dk.overblik.orgsync.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads full exports. A municipality sends the same large export again and again with a few
 * entities changed, so the reader remembers the entities of the last export it read by their
 * exact bytes: a unit or user that comes again byte for byte is taken from there instead of being
 * parsed again (entities are immutable, so sharing them is safe). The result always equals a plain
 * read of the whole document; anything the quick path does not expect is read the plain way, which
 * also gives the errors.
 */
@ApplicationScoped
public class ExportReader {
    private final ObjectMapper mapper = Json.mapper();
    /** Per municipality: the entities of the last export read, by their bytes in it. */
    private final Map<String, Map<Bytes, Object>> lastByTenant = new ConcurrentHashMap<>();

    public OrgExport read(String tenant, byte[] json) throws IOException {
        Map<Bytes, Object> previous = lastByTenant.getOrDefault(tenant, Map.of());
        Map<Bytes, Object> next = new HashMap<>();
        OrgExport export = readReusing(json, previous, next);
        if (export == null) {
            return mapper.readValue(json, OrgExport.class);
        }
        lastByTenant.put(tenant, next);
        return export;
    }

    /** The export, or null when the document is not the plain shape this path reads (the plain read then decides). */
    private OrgExport readReusing(byte[] json, Map<Bytes, Object> previous, Map<Bytes, Object> next) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String municipality = null;
            Instant exportedAt = null;
            List<OrgUnitRegistration> units = null;
            List<UserRegistration> users = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "Municipality" -> municipality = parser.currentToken() == JsonToken.VALUE_NULL ? null
                            : mapper.readValue(parser, String.class);
                    case "ExportedAt" -> exportedAt = parser.currentToken() == JsonToken.VALUE_NULL ? null
                            : mapper.readValue(parser, Instant.class);
                    case "OrgUnits" -> units = entities(parser, json, OrgUnitRegistration.class, previous, next);
                    case "Users" -> users = entities(parser, json, UserRegistration.class, previous, next);
                    default -> parser.skipChildren(); // unknown properties are ignored, as by the plain read
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || units == null || users == null) {
                return null;
            }
            return new OrgExport(municipality, exportedAt, units, users);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private <T> List<T> entities(JsonParser parser, byte[] json, Class<T> type, Map<Bytes, Object> previous, Map<Bytes, Object> next)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<T> entities = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int from = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
            parser.skipChildren();
            int to = Math.toIntExact(parser.currentTokenLocation().getByteOffset()) + 1;
            Bytes bytes = Bytes.of(json, from, to);
            Object known = previous.get(bytes);
            T entity = type.isInstance(known) ? type.cast(known) : mapper.readValue(json, from, to - from, type);
            next.put(bytes, entity);
            entities.add(entity);
        }
        return parser.currentToken() == JsonToken.END_ARRAY ? entities : null;
    }

    /** A range of a document's bytes, equal to another range with the same content. */
    private record Bytes(byte[] document, int from, int to, int hash) {
        static Bytes of(byte[] document, int from, int to) {
            int hash = 1;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + document[i];
            }
            return new Bytes(document, from, to, hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && hash == that.hash
                    && Arrays.equals(document, from, to, that.document, that.from, that.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "Bytes[" + from + ".." + to + "]";
        }
    }
}
