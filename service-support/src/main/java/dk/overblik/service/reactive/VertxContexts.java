package dk.overblik.service.reactive;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/**
 * Work that continues after a non-Vert.x callback (e.g. a database commit completing on the client's thread) must
 * go back to the request's Vert.x context before it touches Hibernate Reactive.
 */
public final class VertxContexts {
    private VertxContexts() {
    }

    /** An executor that runs on the calling request's Vert.x context. Call it on that context. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
