package dk.overblik.indexer.ingest;

import jakarta.ws.rs.core.Response;

/** The answer to accepted records: 202 with how many. */
public record Accepted(int accepted) {
    static Response response(int count) {
        return Response.accepted(new Accepted(count)).build();
    }
}
