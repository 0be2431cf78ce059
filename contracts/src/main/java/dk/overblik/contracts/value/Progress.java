package dk.overblik.contracts.value;

/** SF1470 FremdriftStatusKode. */
public enum Progress {
    OPSTAAET,
    OPLYST,
    AFGJORT,
    AFSLUTTET;

    /** A case is open until it is closed (afsluttet); a decided case may still be acted on. */
    public boolean isOpen() {
        return this != AFSLUTTET;
    }
}
