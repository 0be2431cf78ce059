package dk.overblik.advis.triggers;

import dk.overblik.service.opensearch.OpenSearchJson;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.DatabaseException;

import java.util.Optional;

/**
 * Whether a failure is a refusal of the work for what it holds, which no retry can cure: PostgreSQL's
 * data exceptions (SQLSTATE class 22) and integrity violations (23), and OpenSearch's 400. Everything
 * else (a dependency away, busy, timing out, or the organisation view still loading) is retried; a
 * fault in this code is retried too, so that it holds its partition rather than dead-letter every event.
 */
final class Refusal {
    private Refusal() {
    }

    /** The reason to dead-letter with, if it is a refusal. Names the SQLSTATE and schema objects, never values. */
    static Optional<String> reasonFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && (db.getSqlState().startsWith("22") || db.getSqlState().startsWith("23"))) {
                return Optional.of("PostgreSQL refused it: SQLSTATE " + db.getSqlState() + where(db));
            }
            if (t instanceof OpenSearchJson.Failure os && os.status() == 400) {
                return Optional.of(os.getMessage());
            }
        }
        return Optional.empty();
    }

    private static String where(DatabaseException db) {
        if (!(db instanceof PgException pg) || pg.getTable() == null) {
            return "";
        }
        return " (table " + pg.getTable() + (pg.getColumn() != null ? ", column " + pg.getColumn() : "")
                + (pg.getConstraint() != null ? ", constraint " + pg.getConstraint() : "") + ")";
    }
}
