package dk.overblik.orgsync.publish;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;

/** Runs one statement for many rows as batched executions of at most {@value #SIZE} rows each. */
public final class Batches {
    static final int SIZE = 1_000;

    private Batches() {
    }

    public static Uni<Void> execute(SqlConnection connection, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int chunks = (rows.size() + SIZE - 1) / SIZE;
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(i -> connection.preparedQuery(sql)
                        .executeBatch(rows.subList(i * SIZE, Math.min(rows.size(), (i + 1) * SIZE))))
                .collect().last().replaceWithVoid();
    }
}
