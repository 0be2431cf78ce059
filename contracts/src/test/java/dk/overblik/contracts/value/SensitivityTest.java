package dk.overblik.contracts.value;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensitivityTest {

    @Test
    void levelsAreOrdinalFromOneToFour() {
        assertThat(Sensitivity.IKKE_FORTROLIGE_DATA.level()).isEqualTo(1);
        assertThat(Sensitivity.FORTROLIGE_PERSONOPLYSNINGER.level()).isEqualTo(2);
        assertThat(Sensitivity.FOELSOMME_PERSONOPLYSNINGER.level()).isEqualTo(3);
        assertThat(Sensitivity.VIP_SAGER.level()).isEqualTo(4);
        for (Sensitivity s : Sensitivity.values()) {
            assertThat(Sensitivity.ofLevel(s.level())).isEqualTo(s);
        }
        assertThatThrownBy(() -> Sensitivity.ofLevel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sensitivity.ofLevel(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearanceSeesItsLevelAndBelow() {
        assertThat(Sensitivity.FOELSOMME_PERSONOPLYSNINGER.isWithin(3)).isTrue();
        assertThat(Sensitivity.IKKE_FORTROLIGE_DATA.isWithin(3)).isTrue();
        assertThat(Sensitivity.VIP_SAGER.isWithin(3)).isFalse();
    }

    @Test
    void onlyAClosedCaseIsNotOpen() {
        assertThat(Progress.OPSTAAET.isOpen()).isTrue();
        assertThat(Progress.OPLYST.isOpen()).isTrue();
        assertThat(Progress.AFGJORT.isOpen()).isTrue();
        assertThat(Progress.AFSLUTTET.isOpen()).isFalse();
    }
}
