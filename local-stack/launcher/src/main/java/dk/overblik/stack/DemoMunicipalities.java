package dk.overblik.stack;

/** The two municipalities of the demo realm and demo data (CVR and municipality code). */
public enum DemoMunicipalities {
    A("55133018", "751", "Aarhus Kommune"),
    B("29189714", "706", "Syddjurs Kommune");

    private final String cvr;
    private final String municipalityCode;
    private final String displayName;

    DemoMunicipalities(String cvr, String municipalityCode, String displayName) {
        this.cvr = cvr;
        this.municipalityCode = municipalityCode;
        this.displayName = displayName;
    }

    public String cvr() {
        return cvr;
    }

    public String municipalityCode() {
        return municipalityCode;
    }

    public String displayName() {
        return displayName;
    }
}
