package dk.overblik.contracts.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KleTest {

    @Test
    void subjectCarriesItsAncestors() {
        Kle kle = new Kle("32.18.08", "G01");
        assertThat(kle.subjectWithAncestors()).containsExactly("32", "32.18", "32.18.08");
        assertThat(kle.mainGroup()).isEqualTo("32");
        assertThat(kle.group()).isEqualTo("32.18");
    }

    @Test
    void aScopeEntryCoversEverythingBelowIt() {
        Kle kle = new Kle("32.18.08", "G01");
        assertThat(kle.isCoveredBy("32")).isTrue();
        assertThat(kle.isCoveredBy("32.18")).isTrue();
        assertThat(kle.isCoveredBy("32.18.08")).isTrue();
        assertThat(kle.isCoveredBy("32.1")).isFalse();
        assertThat(kle.isCoveredBy("3")).isFalse();
        assertThat(kle.isCoveredBy("32.18.0")).isFalse();
        assertThat(kle.isCoveredBy("32.19")).isFalse();
        assertThat(kle.isCoveredBy("27")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"32.18", "32.18.8", "32.18.080", "3218.08", "32-18-08", "ab.cd.ef", "", " 32.18.08"})
    void refusesMalformedSubjects(String subject) {
        assertThat(Kle.isSubject(subject)).isFalse();
        assertThatThrownBy(() -> new Kle(subject, "G01")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"g01", "G1", "G001", "01G", "GG1", ""})
    void refusesMalformedFacets(String facet) {
        assertThat(Kle.isFacet(facet)).isFalse();
    }

    @Test
    void scopeEntriesMayStopAtAnyLevel() {
        assertThat(Kle.isScopeEntry("32")).isTrue();
        assertThat(Kle.isScopeEntry("32.18")).isTrue();
        assertThat(Kle.isScopeEntry("32.18.08")).isTrue();
        assertThat(Kle.isScopeEntry("32.18.08.01")).isFalse();
        assertThat(Kle.isScopeEntry("3")).isFalse();
        assertThat(Kle.isScopeEntry("32.")).isFalse();
    }
}
