package dk.overblik.simulator.deliver;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.SimRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers through Overblik's APIs, as the source systems do: each source system with its own
 * vendor token ({@code vendor-<system>}, client credentials). Records go through a fixed number
 * of lanes chosen by key, so every version of one case keeps its order while lanes run in
 * parallel. 429 and 5xx answers are retried with back-off; other refusals are counted and the
 * first ones printed.
 */
public final class RestSink implements Sink {
    /** Where to send what. */
    public record Endpoints(String indexerUrl, String advisUrl, String orgSyncUrl, String oidcIssuer, String vendorSecret) {
    }

    private static final SimRecord STOP = new SimRecord.CprEventRecord(null);
    private static final int MAX_ATTEMPTS = 6;

    private final Endpoints endpoints;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, CachedToken> tokenCache = new ConcurrentHashMap<>();
    private final List<BlockingQueue<SimRecord>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong printed = new AtomicLong();

    private record CachedToken(String value, Instant fetched) {
    }

    public RestSink(Endpoints endpoints, int laneCount) {
        this.endpoints = endpoints;
        this.tokens = new Tokens(endpoints.oidcIssuer());
        for (int i = 0; i < laneCount; i++) {
            BlockingQueue<SimRecord> lane = new ArrayBlockingQueue<>(256);
            lanes.add(lane);
            Thread worker = new Thread(() -> drain(lane), "rest-lane-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public void organisation(Municipality municipality, OrgExport export) {
        if (endpoints.orgSyncUrl() == null) {
            return;
        }
        send(HttpRequest.newBuilder(URI.create(endpoints.orgSyncUrl() + "/api/v1/org-exports/" + municipality.cvr()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(export))), "org-sync-loader", "organisation export");
    }

    @Override
    public void accept(SimRecord record) {
        BlockingQueue<SimRecord> lane = lanes.get(Math.floorMod(key(record).hashCode(), lanes.size()));
        try {
            lane.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String key(SimRecord record) {
        if (record instanceof SimRecord.CaseVersion c) {
            return c.record().key();
        } else if (record instanceof SimRecord.DocumentVersion d) {
            return d.record().key();
        } else if (record instanceof SimRecord.CaseDeletion d) {
            return d.deletion().key();
        } else if (record instanceof SimRecord.DocumentDeletion d) {
            return d.deletion().key();
        }
        return ((SimRecord.CprEventRecord) record).event().personId();
    }

    private void drain(BlockingQueue<SimRecord> lane) {
        while (true) {
            SimRecord record;
            try {
                record = lane.take();
            } catch (InterruptedException e) {
                return;
            }
            if (record == STOP) {
                return;
            }
            deliver(record);
        }
    }

    private void deliver(SimRecord record) {
        String indexer = endpoints.indexerUrl();
        if (record instanceof SimRecord.CaseVersion c) {
            send(post(indexer + "/api/v1/cases", Json.toBytes(c.record())), Tokens.vendorClient(c.record().sourceSystem()), "case");
        } else if (record instanceof SimRecord.DocumentVersion d) {
            send(post(indexer + "/api/v1/documents", Json.toBytes(d.record())), Tokens.vendorClient(d.record().sourceSystem()), "document");
        } else if (record instanceof SimRecord.CaseDeletion d) {
            send(delete(indexer + "/api/v1/cases/", d.deletion()), Tokens.vendorClient(d.deletion().sourceSystem()), "case deletion");
        } else if (record instanceof SimRecord.DocumentDeletion d) {
            send(delete(indexer + "/api/v1/documents/", d.deletion()), Tokens.vendorClient(d.deletion().sourceSystem()), "document deletion");
        } else if (record instanceof SimRecord.CprEventRecord e) {
            if (endpoints.advisUrl() == null) {
                skipped.incrementAndGet();
            } else {
                send(post(endpoints.advisUrl() + "/api/v1/cpr-events", Json.toBytes(e.event())), "cpr-distributor", "CPR event");
            }
        }
    }

    private static HttpRequest.Builder post(String url, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder delete(String base, Deletion deletion) {
        return HttpRequest.newBuilder(URI.create(base + deletion.id() + "?registeredAt=" + deletion.registeredAt()
                + "&tenant=" + deletion.tenant())).DELETE();
    }

    private void send(HttpRequest.Builder request, String client, String what) {
        long backoff = 200;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.copy().timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token(client, attempt > 1)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    return;
                }
                if (status != 429 && status < 500 && status != 401) {
                    refused(what, status, response.body());
                    return;
                }
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    refused(what, -1, e.getMessage());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 5_000);
        }
        refused(what, -1, "gave up after " + MAX_ATTEMPTS + " attempts");
    }

    private String token(String client, boolean renew) {
        CachedToken cached = tokenCache.get(client);
        // Demo realm tokens live 15 minutes; fetch anew well before that, or after a 401.
        if (renew || cached == null || cached.fetched().isBefore(Instant.now().minus(Duration.ofMinutes(10)))) {
            cached = new CachedToken(tokens.forClient(client, endpoints.vendorSecret()), Instant.now());
            tokenCache.put(client, cached);
        }
        return cached.value();
    }

    private void refused(String what, int status, String body) {
        failures.incrementAndGet();
        if (printed.incrementAndGet() <= 5) {
            System.err.println("\nrefused " + what + " (" + status + "): " + body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long skipped() {
        return skipped.get();
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        for (BlockingQueue<SimRecord> lane : lanes) {
            try {
                lane.put(STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
