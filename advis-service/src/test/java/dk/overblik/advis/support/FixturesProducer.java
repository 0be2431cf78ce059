package dk.overblik.advis.support;

import dk.overblik.service.access.AccessViews;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.testsupport.Fixtures;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The shared fixtures, built from this application's beans. */
public class FixturesProducer {
    @Produces
    @Singleton
    Fixtures fixtures(AccessViews views, OpenSearchJson openSearch, IndexSetup indexSetup) {
        return new Fixtures(views, openSearch, indexSetup);
    }
}
