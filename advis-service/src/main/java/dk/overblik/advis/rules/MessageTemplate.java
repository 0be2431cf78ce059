package dk.overblik.advis.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's message with {@code {placeholders}} filled from the case the alert is about and the
 * event that triggered it. No placeholder yields a CPR number: messages are shown and exported.
 */
public final class MessageTemplate {
    /** The placeholders a message may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("caseTitle", "caseNumber", "sourceSystem", "effectiveAt",
            "previousMunicipality", "currentMunicipality", "triggerCaseTitle", "triggerCaseNumber", "triggerSourceSystem");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(ZoneId.of("Europe/Copenhagen"));

    private MessageTemplate() {
    }

    /** A date as messages show it: the Danish calendar day. */
    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** Placeholders in {@code template} that are not in {@link #PLACEHOLDERS}. */
    public static Set<String> unknownPlaceholders(String template) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** The message with each placeholder replaced by its value; one without a value becomes empty. */
    public static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = PLACEHOLDERS.contains(matcher.group(1)) ? values.getOrDefault(matcher.group(1), "") : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
