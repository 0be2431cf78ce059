package dk.overblik.overview.access;

import dk.overblik.service.access.AccessViews;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.Roles;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Access read from a view that no longer follows org-sync's topic could be outdated: lookups fail instead. */
class StoppedAccessViewTest {

    @Test
    void aViewThatStoppedFollowingFailsLookupsInsteadOfAnsweringFromWhatItHeld() {
        // Its own views on the real Kafka, not the service's: stopping them must not stop the service's.
        AccessViews views = new AccessViews(TestStack.ensureRunning().get(StackEnv.KAFKA_BOOTSTRAP));
        AccessFilter filter = new AccessFilter(views);
        Caller caseworker = new Caller("caseworker-a", SampleCases.TENANT_A, Set.of(Roles.CASEWORKER), null, List.of());
        try {
            await().atMost(Duration.ofSeconds(60)).until(views::isComplete);
            assertThat(filter.casesVisibleTo(caseworker)).isNotNull();
        } finally {
            views.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(views::accessHasStopped);
        assertThatThrownBy(() -> filter.casesVisibleTo(caseworker))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
