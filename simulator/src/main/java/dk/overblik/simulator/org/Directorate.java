package dk.overblik.simulator.org;

import java.util.List;

/** The top of a municipality's organisation: each directorate performs a set of KLE main groups and groups. */
enum Directorate {
    SOCIAL("Social og Beskæftigelse", List.of("15", "27", "32"), List.of("Jobcenter", "Ydelsescenter", "Socialcenter", "Handicap og Psykiatri"),
            List.of("Sagsbehandler", "Socialrådgiver", "Jobkonsulent", "Ydelsesmedarbejder")),
    CHILDREN("Børn og Unge", List.of("17", "28"), List.of("Familieafdelingen", "Skoleafdelingen", "PPR", "Sundhedsplejen"),
            List.of("Socialrådgiver", "Sagsbehandler", "Psykolog", "Konsulent")),
    TECHNICAL("Teknik og Miljø", List.of("01", "02", "03", "09"), List.of("Byggeri", "Miljø", "Natur og Vand", "Vejafdelingen"),
            List.of("Byggesagsbehandler", "Miljømedarbejder", "Ingeniør", "Konsulent")),
    CITIZEN_SERVICE("Borgerservice", List.of("16", "27.24", "32.06"), List.of("Borgerservice", "Pension og Boligstøtte", "Folkeregister"),
            List.of("Borgerservicemedarbejder", "Sagsbehandler", "Kontorelev")),
    ADMINISTRATION("Digitalisering og Administration", List.of("00", "85"), List.of("Digitalisering", "Jura", "Økonomi"),
            List.of("Konsulent", "Jurist", "Systemadministrator"));

    private final String title;
    private final List<String> tasks;
    private final List<String> departments;
    private final List<String> positions;

    Directorate(String title, List<String> tasks, List<String> departments, List<String> positions) {
        this.title = title;
        this.tasks = tasks;
        this.departments = departments;
        this.positions = positions;
    }

    String title() {
        return title;
    }

    List<String> tasks() {
        return tasks;
    }

    List<String> departments() {
        return departments;
    }

    List<String> positions() {
        return positions;
    }
}
