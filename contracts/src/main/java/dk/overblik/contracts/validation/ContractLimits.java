package dk.overblik.contracts.validation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;

/** Sizes and tolerances of the ingest contract (DESIGN section 2). */
public final class ContractLimits {
    public static final int CASE_NUMBER_MAX = 50;
    public static final int TITLE_MAX = 255;
    public static final int DESCRIPTION_MAX = 4096;
    public static final int SOURCE_STATUS_MAX = 255;
    public static final int SOURCE_SYSTEM_MAX = 64;
    /** A source system's name: lower case letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final java.util.regex.Pattern SOURCE_SYSTEM = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public static boolean isSourceSystem(String value) {
        return value != null && value.length() <= SOURCE_SYSTEM_MAX && SOURCE_SYSTEM.matcher(value).matches();
    }
    public static final int DOCUMENT_NUMBER_MAX = 50;
    public static final int DEEP_LINK_MAX = 2048;
    public static final int PARTIES_MAX = 100;
    public static final int CASE_IDS_MAX = 100;
    /**
     * How far in the future a registration time may lie (clock skew between systems). A later one
     * is refused: as the record's version it would block every real update until that time.
     */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /**
     * The years a time or date may lie in: those of four digits, which every reader of the index
     * takes (OpenSearch refuses a date of year 10000, and with it a whole bulk request).
     */
    public static final int EARLIEST_YEAR = 1;
    public static final int LATEST_YEAR = 9999;
    private static final Instant EARLIEST_TIME = Year.of(EARLIEST_YEAR).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST_TIME = Year.of(LATEST_YEAR + 1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** Whether {@code time} (in UTC) lies in the years above. */
    public static boolean inYears(Instant time) {
        return !time.isBefore(EARLIEST_TIME) && time.isBefore(AFTER_LATEST_TIME);
    }

    /** Whether {@code date} lies in the years above. */
    public static boolean inYears(LocalDate date) {
        return date.getYear() >= EARLIEST_YEAR && date.getYear() <= LATEST_YEAR;
    }
    /** The earliest registration time: the start of the versions (microseconds since the epoch). */
    public static final Instant EARLIEST_REGISTRATION = Instant.EPOCH;

    private ContractLimits() {
    }
}
