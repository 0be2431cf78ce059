package dk.overblik.contracts.value;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Danish CPR number: ten digits, DDMMYY then four more. The seventh digit and the year give
 * the century. The modulus-11 check is not applied: CPR numbers without it are issued since 2007.
 */
public final class Cpr {
    private Cpr() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        try {
            birthDate(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The birth date the number encodes; throws DateTimeException for an impossible date. */
    public static LocalDate birthDate(String value) {
        int day = Integer.parseInt(value.substring(0, 2));
        int month = Integer.parseInt(value.substring(2, 4));
        int yy = Integer.parseInt(value.substring(4, 6));
        int seventh = value.charAt(6) - '0';
        return LocalDate.of(century(seventh, yy) + yy, month, day);
    }

    private static int century(int seventh, int yy) {
        if (seventh <= 3) {
            return 1900;
        }
        if (seventh == 4 || seventh == 9) {
            return yy <= 36 ? 2000 : 1900;
        }
        return yy <= 57 ? 2000 : 1800;
    }
}
