package dk.overblik.advis.triggers;

import dk.overblik.service.opensearch.OpenSearchJson;
import io.vertx.pgclient.PgException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTest {
    private static final String CPR = "0101801234";

    @Test
    void aDataOrIntegrityRefusalIsOneNamingTheSqlStateAndSchemaButNeverTheValues() {
        PgException check = new PgException("new row for relation \"alert\" violates check constraint \"c\"", "ERROR", "23514",
                "Failing row contains (urn:oio:cpr-nr:" + CPR + ")", null, null, null, null, null, null, null, null, "public", "alert",
                null, null, "alert_message_check");
        assertThat(Refusal.reasonFor(new CompletionException(new HibernateException(check))))
                .hasValue("PostgreSQL refused it: SQLSTATE 23514 (table alert, constraint alert_message_check)");
        assertThat(Refusal.reasonFor(new PgException("invalid byte sequence", "ERROR", "22021", "value " + CPR)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("22021").doesNotContain(CPR));
    }

    @Test
    void openSearchRefusingTheRequestIsOne() {
        assertThat(Refusal.reasonFor(new OpenSearchJson.Failure(400, "{\"error\":{\"type\":\"search_phase_execution_exception\","
                + "\"reason\":\"" + CPR + "\"}}"))).hasValue("OpenSearch answered 400 (search_phase_execution_exception)");
    }

    @Test
    void aDependencyAwayBusyOrStillLoadingIsNotOne() {
        assertThat(Refusal.reasonFor(new PgException("could not serialize access", "ERROR", "40001", null))).isEmpty();
        assertThat(Refusal.reasonFor(new PgException("too many connections", "FATAL", "53300", null))).isEmpty();
        assertThat(Refusal.reasonFor(new OpenSearchJson.Failure(429, "{}"))).isEmpty();
        assertThat(Refusal.reasonFor(new OpenSearchJson.Failure(503, "{}"))).isEmpty();
        assertThat(Refusal.reasonFor(new IOException("Connection refused"))).isEmpty();
        assertThat(Refusal.reasonFor(new IllegalStateException("The organisation view is still loading"))).isEmpty();
    }
}
