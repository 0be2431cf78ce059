package dk.overblik.advis.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "overblik.advis")
public interface AdvisConfig {
    /** Municipalities served, as {@code <CVR>:<municipality code>}. */
    Optional<List<String>> municipalities();

    /** Rules created at start for a municipality that has none. */
    RulesAtStart rulesAtStart();

    /** How recently a case must have been opened for its first registration to count as "case opened". */
    Duration caseOpenedWithin();

    Duration retryBackoffMin();

    Duration retryBackoffMax();

    Duration outboxDrainEvery();

    enum RulesAtStart {
        /** Administrators create every rule over the API. */
        NONE,
        /** The three demo rules (moved out, died, new case elsewhere), for the local stack. */
        DEMO
    }
}
