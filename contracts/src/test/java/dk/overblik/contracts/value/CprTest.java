package dk.overblik.contracts.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CprTest {

    @ParameterizedTest
    @ValueSource(strings = {"0101801234", "3112999999", "2902004234", "2902965678", "0101580000"})
    void acceptsNumbersWithAPossibleBirthDate(String cpr) {
        assertThat(Cpr.isValid(cpr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3201801234", "0013801234", "0100801234", "3104801234", "2902001234", "2902991234"})
    void refusesImpossibleDates(String cpr) {
        // 29 Feb 1900 (seventh digit 1) and 1999 do not exist; 29 Feb 2000 (seventh digit 4) does.
        assertThat(Cpr.isValid(cpr)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"010180123", "01018012345", "010180-123", "01018O1234"})
    void refusesWrongLengthAndNonDigits(String cpr) {
        assertThat(Cpr.isValid(cpr)).isFalse();
    }

    @Test
    void centuryFollowsTheSeventhDigit() {
        assertThat(Cpr.birthDate("0101361234")).isEqualTo(LocalDate.of(1936, 1, 1));
        assertThat(Cpr.birthDate("0101364234")).isEqualTo(LocalDate.of(2036, 1, 1));
        assertThat(Cpr.birthDate("0101374234")).isEqualTo(LocalDate.of(1937, 1, 1));
        assertThat(Cpr.birthDate("0101575234")).isEqualTo(LocalDate.of(2057, 1, 1));
        assertThat(Cpr.birthDate("0101585234")).isEqualTo(LocalDate.of(1858, 1, 1));
        assertThat(Cpr.birthDate("0101369234")).isEqualTo(LocalDate.of(2036, 1, 1));
        assertThat(Cpr.birthDate("0101379234")).isEqualTo(LocalDate.of(1937, 1, 1));
    }
}
