package dk.overblik.overview.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The hash that links an audit entry to the one before it. */
public final class AuditChain {
    private AuditChain() {
    }

    /** SHA-256 over the entry's fields (each length-prefixed, so no two entries encode alike) and the previous hash. */
    public static String hash(AuditEntry e, String previousHash) {
        String content = Stream.of(e.occurredAt == null ? null : e.occurredAt.toString(), e.municipality, e.userId, e.roles, e.action,
                        e.subject, e.query, Integer.toString(e.hits), Integer.toString(e.hidden), e.requestId, e.clientAddress,
                        previousHash)
                .map(v -> v == null ? "-1:" : v.length() + ":" + v)
                .collect(Collectors.joining("|"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
