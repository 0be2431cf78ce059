package dk.overblik.service.sql;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.DatabaseException;

import java.util.Optional;

/**
 * PostgreSQL refusing what a statement writes, for what it holds: a data exception (SQLSTATE class
 * 22) or an integrity violation (23). Unlike a lock or statement timeout, a lost connection or a
 * serialisation failure, trying the same again cannot help.
 */
public final class DataRefusal {
    private DataRefusal() {
    }

    /** What the refusal was, naming the SQLSTATE and the table, column and constraint, never a value. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && (db.getSqlState().startsWith("22") || db.getSqlState().startsWith("23"))) {
                return Optional.of("PostgreSQL refused it: SQLSTATE " + db.getSqlState() + where(db));
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
