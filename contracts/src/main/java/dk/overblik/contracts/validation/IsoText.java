package dk.overblik.contracts.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads the two forms every record is full of, timestamps and UUIDs, without
 * {@code DateTimeFormatter} or a regular expression: the indexer reads millions of them, and those
 * two were a quarter of its CPU. Each reader is exact, not lenient: the timestamp reader takes the
 * common shape {@code 2024-03-05T10:15:30[.123456789](Z|+01:00)} itself and hands anything else
 * to {@link OffsetDateTime#parse}, which decides; so it accepts and refuses exactly what
 * {@code OffsetDateTime.parse} does. Public so that ids and times outside a record body (a
 * deletion's path and query) follow the same rules.
 */
public final class IsoText {
    private static final int UUID_LENGTH = 36;

    private IsoText() {
    }

    /** The instant of an ISO-8601 date-time with an offset, as {@code OffsetDateTime.parse(text).toInstant()}. */
    public static Instant instant(String text) throws DateTimeParseException {
        Instant common = commonShape(text);
        return common != null ? common : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} with valid fields, or null for anything else. */
    static Instant commonShape(String s) {
        int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 10 && isDigit(s.charAt(at))) {
                nano = nano * 10 + (s.charAt(at) - '0');
                at++;
            }
            int fractionDigits = at - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nano *= 10;
            }
        }
        int offsetHours = 0;
        int offsetMinutes = 0;
        if (at == length - 1 && s.charAt(at) == 'Z') {
            // UTC: the offset stays zero
        } else if (at == length - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            offsetHours = digits(s, at + 1, 2);
            offsetMinutes = digits(s, at + 4, 2);
            if ((offsetHours | offsetMinutes) < 0) {
                return null;
            }
            if (s.charAt(at) == '-') {
                offsetHours = -offsetHours;
                offsetMinutes = -offsetMinutes;
            }
        } else {
            return null;
        }
        try {
            // The same range checks as the formatter's (strict): no 30 February, no hour 24, offsets within 18 hours.
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes);
            return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(offset);
        } catch (DateTimeException e) {
            return null; // let the formatter give its own answer and message
        }
    }

    /** The UUID written as 8-4-4-4-12 hexadecimal digits, or null for anything else. */
    public static UUID uuid(String s) {
        if (s.length() != UUID_LENGTH) {
            return null;
        }
        long most = 0;
        long least = 0;
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value = hexValue(c);
            if (value < 0) {
                return null;
            }
            if (i < 19) {
                most = most << 4 | value;
            } else {
                least = least << 4 | value;
            }
        }
        return new UUID(most, least);
    }

    /** 0-15 for an ASCII hexadecimal digit, either case; -1 for anything else (Character.digit takes other scripts' digits too). */
    private static int hexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
