package dk.overblik.simulator;

import java.util.List;

/** A municipality: CVR number (the tenant), municipality code (what CPR events carry) and name. */
public record Municipality(String cvr, String code, String name) {
    /** The two demo municipalities; the local stack's demo users belong to them. */
    public static final Municipality A = new Municipality("55133018", "751", "Aarhus Kommune");
    public static final Municipality B = new Municipality("29189714", "706", "Syddjurs Kommune");
    public static final List<Municipality> DEMO = List.of(A, B);

    /** Codes of other municipalities that people move to and from. */
    public static final List<String> ELSEWHERE_CODES = List.of("101", "147", "461", "561", "607", "657", "740", "791", "851");
}
