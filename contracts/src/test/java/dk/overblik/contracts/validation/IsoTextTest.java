package dk.overblik.contracts.validation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast readers must agree with the JDK's on every input, valid or not; mutations of valid text find the edges. */
class IsoTextTest {
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String ALPHABET = "0123456789-+:.TZtzaAfFgG \u0660\uff10";

    @Test
    void theCommonShapeIsReadWithoutTheFormatter() {
        for (String text : List.of("2024-03-05T10:15:30Z", "2024-03-05T10:15:30.5+01:00", "2024-02-29T23:59:59.123456789-02:30",
                "0001-01-01T00:00:00+18:00")) {
            Instant fast = IsoText.commonShape(text);
            assertNotNull(fast, text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), fast, text);
        }
        for (String text : List.of("2023-02-29T10:15:30Z", "2024-03-05T24:00:00Z", "2024-03-05T10:15Z", "2024-03-05T10:15:30+19:00",
                "2024-03-05T10:15:30+01:60", "2024-03-05t10:15:30Z", "2024-03-05T10:15:30.Z", "2024-03-05T10:15:30.1234567890Z")) {
            assertNull(IsoText.commonShape(text), text);
        }
    }

    @Test
    void timestampsAgreeWithOffsetDateTimeParse() {
        Random random = new Random(20261130);
        int accepted = 0;
        for (String text : mutations(random, () -> randomTimestamp(random), 40_000)) {
            Object expected = outcome(() -> OffsetDateTime.parse(text).toInstant());
            assertEquals(expected, outcome(() -> IsoText.instant(text)), text);
            if (expected instanceof Instant) {
                accepted++;
            }
        }
        assertTrue(accepted > 5_000, "too few valid inputs to mean anything: " + accepted);
    }

    @Test
    void uuidsAgreeWithThePatternAndUuidFromString() {
        Random random = new Random(7);
        int accepted = 0;
        for (String text : mutations(random, () -> new UUID(random.nextLong(), random.nextLong()).toString(), 40_000)) {
            UUID expected = UUID_FORM.matcher(text).matches() ? UUID.fromString(text) : null;
            assertEquals(expected, IsoText.uuid(text), text);
            if (expected != null) {
                accepted++;
            }
        }
        assertTrue(accepted > 5_000, "too few valid inputs to mean anything: " + accepted);
        assertEquals(UUID.fromString("0AbCdEf0-1234-5678-9aBc-DeF012345678"), IsoText.uuid("0AbCdEf0-1234-5678-9aBc-DeF012345678"));
    }

    private static String randomTimestamp(Random random) {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(3000), 1 + random.nextInt(13), 1 + random.nextInt(31),
                random.nextInt(25), random.nextInt(61), random.nextInt(61),
                random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
                switch (random.nextInt(3)) {
                    case 0 -> "Z";
                    case 1 -> String.format("+%02d:%02d", random.nextInt(20), random.nextInt(61));
                    default -> String.format("-%02d:%02d", random.nextInt(20), random.nextInt(61));
                });
    }

    /** Valid-looking text as generated, and with one to three characters replaced, inserted or removed. */
    private static List<String> mutations(Random random, Supplier<String> generator, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder(generator.get());
            int changes = i % 3 == 0 ? 0 : 1 + random.nextInt(3);
            for (int c = 0; c < changes && text.length() > 0; c++) {
                int at = random.nextInt(text.length());
                char replacement = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, replacement);
                    case 1 -> text.insert(at, replacement);
                    default -> text.deleteCharAt(at);
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private interface Parse {
        Object get() throws Exception;
    }

    /** The value, or "refused" for a DateTimeParseException; any other exception fails the test. */
    private static Object outcome(Parse parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            return "refused";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
