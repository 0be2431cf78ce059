package dk.overblik.orgsync.importing;

/** How a full export arrived. */
public enum ImportChannel {
    /** Uploaded to {@code PUT /api/v1/org-exports/{cvr}}. */
    UPLOAD,
    /** Pulled from the municipality's configured export URL. */
    PULL,
    /** Dropped as a file into the watched folder. */
    DROP
}
