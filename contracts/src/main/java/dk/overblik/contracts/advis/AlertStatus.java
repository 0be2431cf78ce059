package dk.overblik.contracts.advis;

/** Where an alert stands in its recipient's inbox. */
public enum AlertStatus {
    NEW,
    SEEN,
    DONE
}
