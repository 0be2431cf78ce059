package dk.overblik.service.opensearch;

import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Turns an OpenSearch async call (which declares IOException) into a lazy Uni with its real failure. */
public final class Async {
    private Async() {
    }

    @FunctionalInterface
    public interface Call<T> {
        CompletableFuture<T> start() throws IOException;
    }

    public static <T> Uni<T> call(Call<T> call) {
        return Uni.createFrom().completionStage(() -> {
            try {
                return call.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).onFailure(CompletionException.class).transform(Throwable::getCause);
    }
}
