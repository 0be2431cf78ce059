package dk.overblik.service.opensearch;

import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OpenSearchErrorTest {
    @Test
    void anErrorIsDescribedByItsTypeCauseAndFieldButNeverTheValueOpenSearchQuotes() throws Exception {
        String cpr = "0101801234";
        String mapping = OpenSearchJson.describeError(Json.mapper().readTree("""
                {"type": "mapper_parsing_exception",
                 "reason": "failed to parse field [letterDate] of type [date] in document with id '55133018:1'. Preview of field's value: '%s'",
                 "caused_by": {"type": "illegal_argument_exception", "reason": "failed to parse date field [%s]"}}"""
                .formatted(cpr, cpr)));
        assertEquals("mapper_parsing_exception (caused by illegal_argument_exception): field letterDate", mapping);
        assertFalse(mapping.contains(cpr));
        String immense = OpenSearchJson.describeError(Json.mapper().readTree("""
                {"type": "illegal_argument_exception",
                 "reason": "Document contains at least one immense term in field=\\"title.keyword\\" (whose UTF8 encoding is longer than \
                the max length 32766), all of which were skipped. The prefix of the first immense term is: '[48, 49, 48]...'"}"""));
        assertEquals("illegal_argument_exception: field title.keyword", immense);
        assertEquals("document_missing_exception", OpenSearchJson.describeError(Json.mapper().readTree("""
                {"type": "document_missing_exception", "reason": "[55133018:1]: document missing"}""")));
    }

    @Test
    void aFailureNamesTheStatusAndTheDescribedErrorOnly() {
        String body = """
                {"error": {"type": "search_phase_execution_exception", "reason": "query [party:0101801234] failed"}, "status": 400}""";
        assertEquals("OpenSearch answered 400 (search_phase_execution_exception)", new OpenSearchJson.Failure(400, body).getMessage());
        assertEquals("OpenSearch answered 503 (no JSON error)", new OpenSearchJson.Failure(503, "<html>").getMessage());
    }

    @Test
    void aFailureTellsOpenSearchsErrorTypeWhereTheAnswerNamesOne() {
        assertEquals("resource_already_exists_exception", new OpenSearchJson.Failure(400, """
                {"error": {"type": "resource_already_exists_exception", "reason": "index [x] already exists"}}""").type());
        assertNull(new OpenSearchJson.Failure(503, "<html>").type());
        assertNull(new OpenSearchJson.Failure(500, "{}").type());
    }
}
