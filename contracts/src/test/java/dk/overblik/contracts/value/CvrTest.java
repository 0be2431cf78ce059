package dk.overblik.contracts.value;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CvrTest {

    @ParameterizedTest
    @ValueSource(strings = {"55133018", "29189714", "10103940"})
    void acceptsRealMunicipalityAndCompanyNumbers(String cvr) {
        assertThat(Cvr.isValid(cvr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"55133019", "29189715", "12345678"})
    void refusesNumbersFailingModulus11(String cvr) {
        assertThat(Cvr.isValid(cvr)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5513301", "551330180", "5513301a", " 5513301", "05133018", "00000000"})
    void refusesWrongLengthLettersAndLeadingZero(String cvr) {
        assertThat(Cvr.isValid(cvr)).isFalse();
    }
}
