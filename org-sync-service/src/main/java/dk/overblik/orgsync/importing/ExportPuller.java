package dk.overblik.orgsync.importing;

import dk.overblik.orgsync.config.OrgSyncConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        return orgImport.failed(tenant, ImportChannel.PULL, started, "Fetching " + url + " failed: " + failure);
                    }
                    if (response.statusCode() != 200) {
                        return orgImport.failed(tenant, ImportChannel.PULL, started,
                                "Fetching " + url + " answered HTTP " + response.statusCode());
                    }
                    return orgImport.importExport(tenant, response.body(), ImportChannel.PULL);
                });
    }
}
