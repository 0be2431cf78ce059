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
 * vendor token ({@code vendor-<system>}, client credentials), registrations in batches. Records go
 * through a fixed number of lanes chosen by key, so every version of one case keeps its order
 * while lanes run in parallel. 429 and 5xx answers are retried with back-off; other refusals are counted and the
 * first ones printed.
 */
public final class RestSink implements Sink {
    /** Where to send what. */
    public record Endpoints(String indexerUrl, String advisUrl, String orgSyncUrl, String oidcIssuer, String vendorSecret) {
    }

    private static final SimRecord STOP = new SimRecord.CprEventRecord(null);
    private static final int MAX_ATTEMPTS = 6;
    /** Records per batch request (the vendor API takes up to 1,000). */
    static final int BATCH = 500;

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
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(export))), "org-sync-loader", "organisation export", 1);
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

    /**
     * A lane sends registrations of one kind and source system in batches (up to {@link #BATCH}, or
     * whatever came within a few milliseconds), and anything else singly, always in arrival order.
     */
    private void drain(BlockingQueue<SimRecord> lane) {
        List<SimRecord> batch = new ArrayList<>();
        while (true) {
            SimRecord record;
            try {
                record = batch.isEmpty() ? lane.take() : lane.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (record == null || record == STOP) {
                flush(batch);
                if (record == STOP) {
                    return;
                }
                continue;
            }
            if (!batch.isEmpty() && (!sameBatch(batch.get(0), record) || batch.size() >= BATCH)) {
                flush(batch);
            }
            if (batchable(record)) {
                batch.add(record);
            } else {
                flush(batch);
                deliver(record);
            }
        }
    }

    private static boolean batchable(SimRecord record) {
        return record instanceof SimRecord.CaseVersion || record instanceof SimRecord.DocumentVersion;
    }

    private static boolean sameBatch(SimRecord a, SimRecord b) {
        return a.getClass() == b.getClass() && sourceSystem(a).equals(sourceSystem(b));
    }

    private static String sourceSystem(SimRecord record) {
        return record instanceof SimRecord.CaseVersion c ? c.record().sourceSystem()
                : ((SimRecord.DocumentVersion) record).record().sourceSystem();
    }

    private void flush(List<SimRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        boolean cases = batch.get(0) instanceof SimRecord.CaseVersion;
        List<Object> records = batch.stream().map(r -> r instanceof SimRecord.CaseVersion c ? (Object) c.record()
                : ((SimRecord.DocumentVersion) r).record()).toList();
        String path = cases ? "/api/v1/cases/batch" : "/api/v1/documents/batch";
        send(post(endpoints.indexerUrl() + path, Json.toBytes(records)), Tokens.vendorClient(sourceSystem(batch.get(0))),
                (cases ? "case" : "document") + " batch of " + batch.size(), batch.size());
        batch.clear();
    }

    private void deliver(SimRecord record) {
        String indexer = endpoints.indexerUrl();
        if (record instanceof SimRecord.CaseDeletion d) {
            send(delete(indexer + "/api/v1/cases/", d.deletion()), Tokens.vendorClient(d.deletion().sourceSystem()), "case deletion", 1);
        } else if (record instanceof SimRecord.DocumentDeletion d) {
            send(delete(indexer + "/api/v1/documents/", d.deletion()), Tokens.vendorClient(d.deletion().sourceSystem()), "document deletion", 1);
        } else if (record instanceof SimRecord.CprEventRecord e) {
            if (endpoints.advisUrl() == null) {
                skipped.incrementAndGet();
            } else {
                send(post(endpoints.advisUrl() + "/api/v1/cpr-events", Json.toBytes(e.event())), "cpr-distributor", "CPR event", 1);
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

    private void send(HttpRequest.Builder request, String client, String what, int records) {
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
                    refused(what, status, response.body(), records);
                    return;
                }
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    refused(what, -1, e.getMessage(), records);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 5_000);
        }
        refused(what, -1, "gave up after " + MAX_ATTEMPTS + " attempts", records);
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

    private void refused(String what, int status, String body, int records) {
        failures.addAndGet(records);
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
