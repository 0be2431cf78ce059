package dk.overblik.service.security;

import jakarta.json.Json;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurrentCallerTest {

    @Test
    void aVendorTokensClaimsMakeItsCaller() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("source_system", "esdh");
        claims.setStringListClaim("municipalities", "55133018", "29189404");

        Caller caller = CurrentCaller.of("service-account-esdh", Set.of("vendor-system"), claims);

        assertEquals("service-account-esdh", caller.userId());
        assertNull(caller.municipality());
        assertEquals("esdh", caller.sourceSystem());
        assertEquals(List.of("55133018", "29189404"), caller.municipalities());
        assertEquals(Set.of("vendor-system"), caller.roles());
    }

    @Test
    void municipalitiesAreReadAsTheVerifiedTokenHoldsThemAJsonArray() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("source_system", "esdh");
        claims.setClaim("municipalities", Json.createArrayBuilder().add("55133018").add("29189404").add(7).build());

        Caller caller = CurrentCaller.of("service-account-esdh", Set.of("vendor-system"), claims);

        assertEquals(List.of("55133018", "29189404"), caller.municipalities());
        assertTrue(caller.speaksFor("esdh", "29189404"));
    }

    @Test
    void aPersonsTokenNamesTheirMunicipality() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("municipality", "55133018");

        Caller caller = CurrentCaller.of("caseworker-a", Set.of("caseworker"), claims);

        assertEquals("55133018", caller.municipality());
        assertNull(caller.sourceSystem());
        assertEquals(List.of(), caller.municipalities());
    }

    @Test
    void aClaimOfTheWrongTypeCountsAsAbsent() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("municipality", 55133018L);
        claims.setClaim("source_system", List.of("esdh"));
        claims.setClaim("municipalities", List.of("55133018", 29189404L));

        Caller caller = CurrentCaller.of("someone", Set.of(), claims);

        assertNull(caller.municipality());
        assertNull(caller.sourceSystem());
        assertEquals(List.of("55133018"), caller.municipalities());
    }
}
