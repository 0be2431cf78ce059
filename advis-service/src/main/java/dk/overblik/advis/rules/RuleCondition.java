package dk.overblik.advis.rules;

import dk.overblik.contracts.value.Progress;

import java.util.List;

/**
 * Which of the citizen's cases a rule applies to; an empty list means any. {@code otherSourceSystem}
 * (case triggers only) keeps to cases in another source system than the case that changed.
 */
public record RuleCondition(List<String> kleScope, List<Progress> progress, List<String> sourceSystems, Integer maxSensitivity,
                            boolean otherSourceSystem) {

    public RuleCondition {
        kleScope = kleScope == null ? List.of() : List.copyOf(kleScope);
        progress = progress == null ? List.of() : List.copyOf(progress);
        sourceSystems = sourceSystems == null ? List.of() : List.copyOf(sourceSystems);
    }

    /** Open cases (not afsluttet) within a KLE scope. */
    public static RuleCondition openCasesIn(List<String> kleScope) {
        return new RuleCondition(kleScope, List.of(Progress.OPSTAAET, Progress.OPLYST, Progress.AFGJORT), List.of(), null, false);
    }
}
