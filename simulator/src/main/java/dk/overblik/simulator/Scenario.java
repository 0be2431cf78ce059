package dk.overblik.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What to simulate. The same scenario always gives the same data, record for record: every value
 * derives from {@code seed} and the position of the thing generated, never from the clock.
 *
 * @param citizensPerMunicipality people with a CPR number in each municipality
 * @param companiesPerMunicipality companies with a CVR number
 * @param unitsPerMunicipality organisation units (a tree)
 * @param employeesPerMunicipality users in the organisation export
 * @param anchor the simulated "now": registrations lie before it
 * @param duplicateRate share of records delivered twice
 * @param outOfOrderRate share of multi-version cases whose versions arrive newest first
 * @param deletionRate share of cases deleted by their source after the last version
 * @param cprEventRate share of citizens with a CPR event (moves, deaths, address protection)
 */
public record Scenario(long seed, List<Municipality> municipalities, int citizensPerMunicipality,
                       int companiesPerMunicipality, int unitsPerMunicipality, int employeesPerMunicipality,
                       Instant anchor, double duplicateRate, double outOfOrderRate, double deletionRate,
                       double cprEventRate) {

    public static final Instant DEFAULT_ANCHOR = Instant.parse("2026-06-01T00:00:00Z");

    public Scenario {
        municipalities = List.copyOf(municipalities);
        if (citizensPerMunicipality < 1) {
            throw new IllegalArgumentException("At least one citizen per municipality");
        }
        if (unitsPerMunicipality < 8) {
            throw new IllegalArgumentException("At least 8 units per municipality (root, directorates and a department)");
        }
        if (employeesPerMunicipality < 1) {
            throw new IllegalArgumentException("At least one employee per municipality");
        }
    }

    /** The usual proportions for a number of citizens: a company per ten citizens, an employee per twenty. */
    public static Scenario of(long seed, int citizensPerMunicipality) {
        int employees = Math.max(30, citizensPerMunicipality / 20);
        int units = Math.max(12, employees / 8);
        return new Scenario(seed, Municipality.DEMO, citizensPerMunicipality, Math.max(1, citizensPerMunicipality / 10),
                units, employees, DEFAULT_ANCHOR, 0, 0, 0.005, 0.05);
    }

    public Scenario withDelivery(double duplicateRate, double outOfOrderRate) {
        return new Scenario(seed, municipalities, citizensPerMunicipality, companiesPerMunicipality, unitsPerMunicipality,
                employeesPerMunicipality, anchor, duplicateRate, outOfOrderRate, deletionRate, cprEventRate);
    }

    public Scenario withOrganisation(int units, int employees) {
        return new Scenario(seed, municipalities, citizensPerMunicipality, companiesPerMunicipality, units, employees,
                anchor, duplicateRate, outOfOrderRate, deletionRate, cprEventRate);
    }

    public Scenario withMunicipalities(List<Municipality> chosen) {
        return new Scenario(seed, chosen, citizensPerMunicipality, companiesPerMunicipality, unitsPerMunicipality,
                employeesPerMunicipality, anchor, duplicateRate, outOfOrderRate, deletionRate, cprEventRate);
    }
}
