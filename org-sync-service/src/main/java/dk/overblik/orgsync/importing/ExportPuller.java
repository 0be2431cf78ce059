package dk.overblik.orgsync.importing;

import dk.overblik.orgsync.config.OrgSyncConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Pulls each configured municipality's full export on a schedule (and on demand) and imports it. */
@ApplicationScoped
public class ExportPuller {
    private static final Logger LOG = Logger.getLogger(ExportPuller.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final OrgSyncConfig config;
    private final OrgImport orgImport;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Clock clock = Clock.systemUTC();

    public ExportPuller(OrgSyncConfig config, OrgImport orgImport) {
        this.config = config;
        this.orgImport = orgImport;
    }

    @Scheduled(every = "${overblik.org-sync.pull-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pullAll() {
        return Multi.createFrom().iterable(config.municipalities().entrySet())
                .filter(e -> e.getValue().exportUrl().isPresent())
                .onItem().transformToUniAndConcatenate(e -> pull(e.getKey())
                        .onFailure().invoke(f -> LOG.errorf(f, "Pulling the organisation export of %s failed", e.getKey()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Fetches and imports one municipality's export; a fetch that fails is recorded as a FAILED run. */
    public Uni<SyncReport> pull(String tenant) {
        Instant started = clock.instant();
        OrgSyncConfig.Municipality municipality = config.municipalities().get(tenant);
        if (municipality == null || municipality.exportUrl().isEmpty()) {
            return orgImport.failed(tenant, ImportChannel.PULL, started, "No export URL is configured for " + tenant);
        }
        URI url = municipality.exportUrl().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").GET();
        municipality.exportToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()))
                .emitOn(Infrastructure.getDefaultWorkerPool()) // the body is read blocking, up to the limit
                .map(response -> fetch(url, response))
                .onItemOrFailure().transformToUni((fetched, failure) -> {
                    if (failure != null) {
                        return orgImport.failed(tenant, ImportChannel.PULL, started, "Fetching " + url + " failed: " + failure);
                    }
                    if (fetched.problem() != null) {
                        return orgImport.failed(tenant, ImportChannel.PULL, started, fetched.problem());
                    }
                    return orgImport.importExport(tenant, fetched.body(), ImportChannel.PULL);
                });
    }

    /** The body, or why there is none to import. */
    private record Fetched(byte[] body, String problem) {
    }

    private Fetched fetch(URI url, HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return new Fetched(null, "Fetching " + url + " answered HTTP " + response.statusCode());
            }
            long limit = config.maxExportSize().asLongValue();
            if (response.headers().firstValueAsLong("Content-Length").orElse(0) > limit) {
                return new Fetched(null, tooLarge(url, limit));
            }
            // The request's timeout covers the wait for the headers only: a body that stalls is cut off by closing it.
            ScheduledFuture<?> deadline = Infrastructure.getDefaultWorkerPool().schedule(() -> closeQuietly(body),
                    TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                return content.length > limit ? new Fetched(null, tooLarge(url, limit)) : new Fetched(content, null);
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            return new Fetched(null, "Fetching " + url + " failed: " + e);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debugf("Closing a stalled export body failed: %s", e);
        }
    }

    private static String tooLarge(URI url, long limit) {
        return "The export at " + url + " is larger than the " + limit + " bytes allowed (overblik.org-sync.max-export-size)";
    }
}
