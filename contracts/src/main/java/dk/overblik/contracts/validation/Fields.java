package dk.overblik.contracts.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.value.Cvr;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the fields of one JSON object, recording a {@link Violation} with its path for every
 * field that is missing, of the wrong type or badly formed, so that a caller learns everything
 * wrong with a record at once. A getter returns null when the field is absent or wrong.
 */
final class Fields {
    enum Need { REQUIRED, OPTIONAL }

    private final JsonNode node;
    private final String prefix;
    private final List<Violation> violations;

    Fields(JsonNode node, String prefix, List<Violation> violations) {
        this.node = node;
        this.prefix = prefix;
        this.violations = violations;
    }

    /** The list every violation goes to; element readers of an array share their parent's. */
    List<Violation> violations() {
        return violations;
    }

    /** False (with a violation) when the node is not a JSON object; then no other getter may be used. */
    boolean isObject() {
        if (node == null || !node.isObject()) {
            add(prefix.isEmpty() ? "$" : prefix, ViolationCode.NOT_AN_OBJECT, "must be a JSON object");
            return false;
        }
        return true;
    }

    void rejectUnknown(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                add(path(name), ViolationCode.UNKNOWN_FIELD, "is not a field of this record");
            }
        }
    }

    String path(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    void add(String path, ViolationCode code, String message) {
        violations.add(new Violation(path, code, message));
    }

    /** The field's node when present and not null; records REQUIRED when it must be there. */
    JsonNode present(String name, Need need) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (need == Need.REQUIRED) {
                add(path(name), ViolationCode.REQUIRED, "is required");
            }
            return null;
        }
        return value;
    }

    /**
     * A text field. Blank optional text counts as absent; required text must not be blank.
     * Single-line fields refuse control characters (a line break in a title is a mapping error).
     */
    String text(String name, Need need, int maxLength, boolean singleLine) {
        JsonNode value = present(name, need);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            add(path(name), ViolationCode.WRONG_TYPE, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            if (need == Need.REQUIRED) {
                add(path(name), ViolationCode.BLANK, "must not be blank");
            }
            return null;
        }
        if (text.length() > maxLength) {
            add(path(name), ViolationCode.TOO_LONG, "must be at most " + maxLength + " characters");
            return null;
        }
        if (hasControlCharacter(text, singleLine)) {
            add(path(name), ViolationCode.CONTROL_CHARACTER, "must not contain control characters");
            return null;
        }
        return text;
    }

    private static boolean hasControlCharacter(String text, boolean singleLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowedWhitespace = !singleLine && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedWhitespace) {
                return true;
            }
        }
        return false;
    }

    UUID uuid(String name, Need need) {
        JsonNode value = present(name, need);
        return value == null ? null : uuidValue(value, path(name));
    }

    UUID uuidValue(JsonNode value, String path) {
        UUID uuid = value.isTextual() ? IsoText.uuid(value.textValue()) : null;
        if (uuid == null) {
            add(path, ViolationCode.BAD_UUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return uuid;
    }

    /** Says so when a time or date lies outside the years of the contract; {@code within} as given. */
    private boolean inYears(String name, boolean within) {
        if (!within) {
            add(path(name), ViolationCode.OUT_OF_RANGE, "must lie in the years " + ContractLimits.EARLIEST_YEAR + "-" + ContractLimits.LATEST_YEAR);
        }
        return within;
    }

    Instant instant(String name, Need need) {
        JsonNode value = present(name, need);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            try {
                Instant instant = IsoText.instant(value.textValue());
                return inYears(name, ContractLimits.inYears(instant)) ? instant : null;
            } catch (DateTimeParseException e) {
                // fall through to the violation
            }
        }
        add(path(name), ViolationCode.BAD_TIMESTAMP, "must be an ISO-8601 timestamp with a zone, e.g. 2024-03-05T10:15:30Z");
        return null;
    }

    LocalDate date(String name, Need need) {
        JsonNode value = present(name, need);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            try {
                LocalDate date = LocalDate.parse(value.textValue());
                return inYears(name, ContractLimits.inYears(date)) ? date : null;
            } catch (DateTimeParseException e) {
                // fall through to the violation
            }
        }
        add(path(name), ViolationCode.BAD_DATE, "must be an ISO-8601 date, e.g. 2024-03-05");
        return null;
    }

    <E extends Enum<E>> E enumValue(String name, Need need, Class<E> type) {
        JsonNode value = present(name, need);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.textValue())) {
                    return constant;
                }
            }
        }
        add(path(name), ViolationCode.BAD_ENUM, "must be one of " + List.of(type.getEnumConstants()));
        return null;
    }

    String tenant(String name) {
        JsonNode value = present(name, Need.REQUIRED);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !Cvr.isValid(value.textValue())) {
            add(path(name), ViolationCode.BAD_TENANT, "must be the owning municipality's CVR number (8 digits, modulus 11)");
            return null;
        }
        return value.textValue();
    }

    String sourceSystem(String name) {
        String value = text(name, Need.REQUIRED, ContractLimits.SOURCE_SYSTEM_MAX, true);
        if (value != null && !ContractLimits.SOURCE_SYSTEM.matcher(value).matches()) {
            add(path(name), ViolationCode.BAD_SOURCE_SYSTEM,
                    "must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }
        return value;
    }

    String httpUrl(String name, int maxLength) {
        String value = text(name, Need.OPTIONAL, maxLength, true);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // fall through to the violation
        }
        add(path(name), ViolationCode.BAD_URL, "must be an absolute http or https URL");
        return null;
    }

    /** The elements of an array field, or null (with a violation) when absent, not an array or too long. */
    List<JsonNode> array(String name, Need need, int minItems, int maxItems) {
        JsonNode value = present(name, need);
        if (value == null) {
            return need == Need.OPTIONAL ? List.of() : null;
        }
        if (!value.isArray()) {
            add(path(name), ViolationCode.WRONG_TYPE, "must be an array");
            return null;
        }
        if (value.size() < minItems) {
            add(path(name), ViolationCode.TOO_FEW, "must hold at least " + minItems + " item" + (minItems == 1 ? "" : "s"));
            return null;
        }
        if (value.size() > maxItems) {
            add(path(name), ViolationCode.TOO_MANY, "must hold at most " + maxItems + " items");
            return null;
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    Fields nested(String name, Need need) {
        JsonNode value = present(name, need);
        return value == null ? null : new Fields(value, path(name), violations);
    }

    static Fields element(JsonNode item, String arrayPath, int index, List<Violation> violations) {
        return new Fields(item, arrayPath + "[" + index + "]", violations);
    }
}
