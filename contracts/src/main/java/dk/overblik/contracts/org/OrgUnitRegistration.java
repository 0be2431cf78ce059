package dk.overblik.contracts.org;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * An organisation unit: {@code Tasks} is the KLE the unit performs, {@code ContactForTasks} the KLE
 * it is contact for (interest); with {@code InheritKle} the unit also takes its ancestors' KLE.
 */
public record OrgUnitRegistration(
        @JsonProperty("Uuid") UUID uuid,
        @JsonProperty("ShortKey") String shortKey,
        @JsonProperty("Name") String name,
        @JsonProperty("ParentOrgUnitUuid") UUID parentOrgUnitUuid,
        @JsonProperty("Tasks") List<String> tasks,
        @JsonProperty("ContactForTasks") List<String> contactForTasks,
        @JsonProperty("InheritKle") boolean inheritKle) {

    public OrgUnitRegistration {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        contactForTasks = contactForTasks == null ? List.of() : List.copyOf(contactForTasks);
    }
}
