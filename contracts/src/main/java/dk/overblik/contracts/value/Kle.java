package dk.overblik.contracts.value;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A case's primary KLE class: a subject {@code NN.NN.NN} and an action facet (handlingsfacet,
 * a capital letter and two digits such as {@code G01}).
 */
public record Kle(String subject, String facet) {
    private static final Pattern SUBJECT = Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{2}");
    private static final Pattern FACET = Pattern.compile("[A-Z]\\d{2}");
    private static final Pattern SCOPE_ENTRY = Pattern.compile("\\d{2}(\\.\\d{2}){0,2}");

    public Kle {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(facet, "facet");
        if (!isSubject(subject)) {
            throw new IllegalArgumentException("KLE subject must be NN.NN.NN: " + subject);
        }
        if (!isFacet(facet)) {
            throw new IllegalArgumentException("KLE action facet must be a capital letter and two digits: " + facet);
        }
    }

    public static boolean isSubject(String value) {
        return value != null && SUBJECT.matcher(value).matches();
    }

    public static boolean isFacet(String value) {
        return value != null && FACET.matcher(value).matches();
    }

    /** A scope entry is a main group {@code NN}, a group {@code NN.NN} or a subject {@code NN.NN.NN}. */
    public static boolean isScopeEntry(String value) {
        return value != null && SCOPE_ENTRY.matcher(value).matches();
    }

    /** The main group, group and subject this subject lies in: {@code 32, 32.18, 32.18.08}. */
    public List<String> subjectWithAncestors() {
        return List.of(mainGroup(), group(), subject);
    }

    public String mainGroup() {
        return subject.substring(0, 2);
    }

    public String group() {
        return subject.substring(0, 5);
    }

    /** Whether a scope entry at any level covers this subject. */
    public boolean isCoveredBy(String scopeEntry) {
        return covers(scopeEntry, subject);
    }

    /** Whether a scope entry (main group, group or subject) covers a subject. */
    public static boolean covers(String scopeEntry, String subject) {
        return subject.equals(scopeEntry) || subject.startsWith(scopeEntry + ".");
    }
}
