package dk.overblik.orgsync.access;

import java.util.UUID;

/**
 * One KLE entry of a user's access and where it came from: their own KLE, a task or contact
 * responsibility of a unit they work in, or inherited by that unit from an ancestor.
 */
public record KleGrant(String kle, Origin origin, UUID unit, UUID inheritedFrom) {

    public enum Origin {
        /** The user's own KLE. */
        OWN,
        /** A task (performing KLE) of a unit the user holds a position in. */
        UNIT_TASK,
        /** A contact responsibility (interest KLE) of a unit the user holds a position in. */
        UNIT_CONTACT,
        /** A task or contact responsibility of an ancestor, inherited down to the user's unit. */
        INHERITED
    }
}
