package dk.overblik.simulator;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.deliver.FileSink;
import dk.overblik.simulator.deliver.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileSinkTest {

    @Test
    void writesTheOrganisationExportsAndOneJsonLinePerRecord(@TempDir Path dir) throws Exception {
        Summary summary;
        try (FileSink sink = new FileSink(dir)) {
            summary = new Simulation(Scenario.of(42, 200)).run(sink, Progress.silent(), RateLimiter.unlimited());
        }
        assertThat(Files.readAllLines(dir.resolve(FileSink.CASES))).hasSize((int) summary.caseVersions());
        assertThat(Files.readAllLines(dir.resolve(FileSink.DOCUMENTS))).hasSize((int) summary.documents());
        assertThat(Files.readAllLines(dir.resolve(FileSink.CPR_EVENTS))).hasSize((int) summary.cprEvents());
        OrgExport a = Json.mapper().readValue(dir.resolve(Municipality.A.cvr()).resolve(FileSink.ORG_EXPORT).toFile(), OrgExport.class);
        assertThat(a.municipality()).isEqualTo(Municipality.A.cvr());
        assertThat(Files.exists(dir.resolve(Municipality.B.cvr()).resolve(FileSink.ORG_EXPORT))).isTrue();
        assertThat(Files.readString(dir.resolve(FileSink.CASES))).contains("urn:oio:cpr-nr:0101801234");
    }

    @Test
    void aRateLimitPacesDelivery() {
        RateLimiter limiter = new RateLimiter(200);
        long start = System.nanoTime();
        for (int i = 0; i < 41; i++) {
            limiter.acquire();
        }
        // 40 intervals of 5 ms: at least 200 ms.
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(195);
    }
}
