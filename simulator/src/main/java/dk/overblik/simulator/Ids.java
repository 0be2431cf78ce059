package dk.overblik.simulator;

import dk.overblik.contracts.value.Cpr;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic identities: UUIDs from a random stream, unique CPR and CVR numbers from an index. */
public final class Ids {
    /** Birth dates span 1940-1999 (the seventh digit 0-3 then means the 1900s). */
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_DAYS = 21_900;
    private static final int SEQUENCES = 4_000;
    /** Chosen so that citizen 0 is 0101801234, the person the README's example looks up. */
    private static final int FIRST_DAY = (int) (LocalDate.of(1980, 1, 1).toEpochDay() - FIRST_BIRTH.toEpochDay());
    private static final int FIRST_SEQUENCE = 1234;

    private Ids() {
    }

    public static UUID uuid(SplittableRandom random) {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** The CPR number of citizen {@code index} (over all municipalities): unique for up to 87 million citizens. */
    public static String cpr(long index) {
        if (index < 0 || index >= (long) BIRTH_DAYS * SEQUENCES) {
            throw new IllegalArgumentException("Citizen index out of range: " + index);
        }
        // Consecutive citizens get birth days far apart (7919 is prime, so this permutes the days).
        int day = (int) Math.floorMod(FIRST_DAY + (index % BIRTH_DAYS) * 7919L, (long) BIRTH_DAYS);
        // Within a block of BIRTH_DAYS citizens the days differ; across blocks the sequences do.
        int sequence = (int) ((FIRST_SEQUENCE + index / BIRTH_DAYS + 131 * (index % BIRTH_DAYS)) % SEQUENCES);
        LocalDate birth = FIRST_BIRTH.plusDays(day);
        String number = "%02d%02d%02d%04d".formatted(birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear() % 100, sequence);
        if (!Cpr.isValid(number)) {
            throw new IllegalStateException("Generated an invalid CPR number for citizen " + index);
        }
        return number;
    }

    /** The CVR number of company {@code index}: unique, valid modulus 11. */
    public static String cvr(long index) {
        long base = 3_000_000L + index * 3;
        for (long candidate = base; candidate < base + 3; candidate++) {
            String seven = Long.toString(candidate);
            int[] weights = {2, 7, 6, 5, 4, 3, 2};
            int sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += (seven.charAt(i) - '0') * weights[i];
            }
            int check = Math.floorMod(-sum, 11);
            if (check < 10) {
                return seven + check;
            }
        }
        throw new IllegalStateException("No valid CVR near " + base);
    }

    /** A random stream for the thing at a position, independent of everything generated before it. */
    public static SplittableRandom random(long seed, long... position) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (long p : position) {
            h = mix(h ^ p);
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
