package dk.overblik.contracts.value;

/** Danish CVR number: eight digits, no leading zero, modulus 11 with weights 2,7,6,5,4,3,2,1. */
public final class Cvr {
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2, 1};

    private Cvr() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 8 || value.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return sum % 11 == 0;
    }
}
