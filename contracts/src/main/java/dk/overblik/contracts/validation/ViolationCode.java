package dk.overblik.contracts.validation;

/** Why a field was refused. Stable names: the data-quality report counts rejections by them. */
public enum ViolationCode {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    UNKNOWN_FIELD,
    REQUIRED,
    WRONG_TYPE,
    BLANK,
    TOO_LONG,
    CONTROL_CHARACTER,
    BAD_UUID,
    BAD_TIMESTAMP,
    BAD_DATE,
    BAD_ENUM,
    BAD_TENANT,
    BAD_SOURCE_SYSTEM,
    BAD_KLE_SUBJECT,
    BAD_KLE_FACET,
    BAD_PARTY_REF,
    BAD_URL,
    TOO_MANY,
    TOO_FEW,
    DUPLICATE,
    INCONSISTENT,
    IN_FUTURE,
    OUT_OF_RANGE,
    BAD_FORMAT
}
