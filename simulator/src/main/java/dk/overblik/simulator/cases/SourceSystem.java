package dk.overblik.simulator.cases;

import java.util.List;

/**
 * The fagsystemer of a simulated municipality and the kinds of case each one holds: KLE subject
 * and action facet, title, how sensitive such cases usually are, and who they are about.
 */
public enum SourceSystem {
    ESDH("esdh", 0.40, List.of(
            new CaseKind("27.24.00", "G01", "Ansøgning om boligstøtte", 2, PartyKind.PERSON),
            new CaseKind("16.00.00", "G01", "Flytning af folkeregisteradresse", 1, PartyKind.PERSON),
            new CaseKind("00.06.00", "G01", "Anmodning om aktindsigt", 1, PartyKind.PERSON),
            new CaseKind("02.34.02", "G01", "Byggetilladelse, carport", 1, PartyKind.EITHER),
            new CaseKind("09.02.00", "K07", "Klage over støj fra nabo", 1, PartyKind.EITHER),
            new CaseKind("01.03.00", "G01", "Dispensation fra lokalplan", 1, PartyKind.COMPANY))),
    JOBCENTER("jobcenter", 0.20, List.of(
            new CaseKind("15.00.00", "G01", "Jobafklaringsforløb", 3, PartyKind.PERSON),
            new CaseKind("15.20.00", "G01", "Sygedagpenge, opfølgning", 3, PartyKind.PERSON),
            new CaseKind("15.02.00", "G01", "Virksomhedspraktik", 2, PartyKind.PERSON))),
    YDELSE("ydelse", 0.25, List.of(
            new CaseKind("32.18.08", "K07", "Personligt tillæg", 3, PartyKind.PERSON),
            new CaseKind("32.12.00", "G01", "Kontanthjælp", 3, PartyKind.PERSON),
            new CaseKind("32.06.00", "G01", "Folkepension", 2, PartyKind.PERSON),
            new CaseKind("27.24.00", "G01", "Boligstøtte, løbende ydelse", 2, PartyKind.PERSON))),
    BOERN_FAMILIE("boern-familie", 0.15, List.of(
            new CaseKind("28.08.00", "G01", "Underretning om barn", 3, PartyKind.PERSON),
            new CaseKind("28.20.00", "G01", "Forebyggende foranstaltning", 3, PartyKind.PERSON),
            new CaseKind("17.12.00", "G01", "Specialundervisning", 2, PartyKind.PERSON)));

    private final String systemName;
    private final double share;
    private final List<CaseKind> kinds;

    SourceSystem(String systemName, double share, List<CaseKind> kinds) {
        this.systemName = systemName;
        this.share = share;
        this.kinds = kinds;
    }

    /** The source system's name in records and vendor tokens. */
    public String systemName() {
        return systemName;
    }

    double share() {
        return share;
    }

    List<CaseKind> kinds() {
        return kinds;
    }

    /** Whether its cases are benefits (ydelser) that must stop when the citizen leaves. */
    public boolean paysBenefits() {
        return this == YDELSE;
    }

    enum PartyKind { PERSON, COMPANY, EITHER }

    /** A kind of case: KLE, title and typical sensitivity (1-4). */
    record CaseKind(String kleSubject, String facet, String title, int sensitivity, PartyKind about) {
        boolean forPersons() {
            return about != PartyKind.COMPANY;
        }

        boolean forCompanies() {
            return about != PartyKind.PERSON;
        }
    }
}
