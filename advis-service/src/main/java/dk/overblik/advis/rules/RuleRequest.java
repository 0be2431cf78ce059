package dk.overblik.advis.rules;

import dk.overblik.contracts.validation.ContractLimits;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rule as an administrator writes it. */
public record RuleRequest(String name, Trigger trigger, RuleCondition condition, String message, Boolean enabled) {
    static final int MAX_NAME = 200;
    static final int MAX_MESSAGE = 1000;

    public RuleCondition conditionOrAny() {
        return condition == null ? new RuleCondition(List.of(), List.of(), List.of(), null, false) : condition;
    }

    /** What is wrong with the request; empty when it can be saved. */
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", ViolationCode.REQUIRED, "is required"));
        } else if (name.length() > MAX_NAME) {
            violations.add(new Violation("name", ViolationCode.TOO_LONG, "at most " + MAX_NAME + " characters"));
        }
        if (trigger == null) {
            violations.add(new Violation("trigger", ViolationCode.REQUIRED, "is required"));
        }
        if (message == null || message.isBlank()) {
            violations.add(new Violation("message", ViolationCode.REQUIRED, "is required"));
        } else {
            if (message.length() > MAX_MESSAGE) {
                violations.add(new Violation("message", ViolationCode.TOO_LONG, "at most " + MAX_MESSAGE + " characters"));
            }
            Set<String> unknown = MessageTemplate.unknownPlaceholders(message);
            if (!unknown.isEmpty()) {
                violations.add(new Violation("message", ViolationCode.BAD_FORMAT, "unknown placeholders " + unknown
                        + "; known: " + MessageTemplate.PLACEHOLDERS));
            }
        }
        RuleCondition condition = conditionOrAny();
        for (int i = 0; i < condition.kleScope().size(); i++) {
            if (!Kle.isScopeEntry(condition.kleScope().get(i))) {
                violations.add(new Violation("condition.kleScope[" + i + "]", ViolationCode.BAD_KLE_SUBJECT,
                        "must be NN, NN.NN or NN.NN.NN"));
            }
        }
        for (int i = 0; i < condition.sourceSystems().size(); i++) {
            String system = condition.sourceSystems().get(i);
            if (!ContractLimits.isSourceSystem(system)) {
                violations.add(new Violation("condition.sourceSystems[" + i + "]", ViolationCode.BAD_SOURCE_SYSTEM,
                        "is not a source system name"));
            }
        }
        Integer max = condition.maxSensitivity();
        if (max != null && (max < Sensitivity.MIN_LEVEL || max > Sensitivity.MAX_LEVEL)) {
            violations.add(new Violation("condition.maxSensitivity", ViolationCode.OUT_OF_RANGE,
                    "must be " + Sensitivity.MIN_LEVEL + "-" + Sensitivity.MAX_LEVEL));
        }
        if (condition.otherSourceSystem() && trigger != null && trigger.source() != Trigger.Source.CASE_EVENT) {
            violations.add(new Violation("condition.otherSourceSystem", ViolationCode.INCONSISTENT,
                    "applies to case triggers only"));
        }
        return violations;
    }
}
