package dk.overblik.indexer.ingest;

import dk.overblik.contracts.validation.RecordReader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The contracts' validating reader, against the system clock. */
public class ContractBeans {
    @Produces
    @Singleton
    RecordReader recordReader() {
        return RecordReader.withSystemClock();
    }
}
