package dk.overblik.contracts.value;

/** SF1470 Foelsomhed: four ordinal levels. A user with clearance N sees levels 1..N. */
public enum Sensitivity {
    IKKE_FORTROLIGE_DATA(1),
    FORTROLIGE_PERSONOPLYSNINGER(2),
    FOELSOMME_PERSONOPLYSNINGER(3),
    VIP_SAGER(4);

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 4;

    private final int level;

    Sensitivity(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean isWithin(int clearance) {
        return level <= clearance;
    }

    public static Sensitivity ofLevel(int level) {
        for (Sensitivity s : values()) {
            if (s.level == level) {
                return s;
            }
        }
        throw new IllegalArgumentException("No sensitivity level " + level + " (levels are 1-4)");
    }
}
