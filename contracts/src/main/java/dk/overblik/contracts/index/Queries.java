package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;

import java.util.List;

/** Small builders for OpenSearch query DSL, as JSON trees. */
public final class Queries {
    private Queries() {
    }

    /** All of {@code filters} (no scoring). */
    public static ObjectNode bool(List<ObjectNode> filters) {
        return bool(filters, List.of());
    }

    /** All of {@code filters} and none of {@code excluded}. */
    public static ObjectNode bool(List<ObjectNode> filters, List<ObjectNode> excluded) {
        ObjectNode query = Json.mapper().createObjectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filters.forEach(filter::add);
        if (!excluded.isEmpty()) {
            ArrayNode mustNot = bool.putArray("must_not");
            excluded.forEach(mustNot::add);
        }
        return query;
    }

    /** At least one of {@code alternatives}; none matches nothing. */
    public static ObjectNode anyOf(List<ObjectNode> alternatives) {
        if (alternatives.isEmpty()) {
            return nothing();
        }
        ObjectNode query = Json.mapper().createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("should").addAll(alternatives);
        bool.put("minimum_should_match", 1);
        return query;
    }

    public static ObjectNode nothing() {
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("match_none");
        return query;
    }

    public static ObjectNode term(String field, Object value) {
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("term").set(field, Json.mapper().valueToTree(value));
        return query;
    }

    /** Any of {@code values}; an empty list matches nothing. */
    public static ObjectNode terms(String field, List<String> values) {
        if (values.isEmpty()) {
            return nothing();
        }
        ObjectNode query = Json.mapper().createObjectNode();
        ArrayNode array = query.putObject("terms").putArray(field);
        values.forEach(array::add);
        return query;
    }

    /** Values of {@code field} that begin with {@code prefix}. */
    public static ObjectNode prefix(String field, String prefix) {
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("prefix").put(field, prefix);
        return query;
    }

    public static ObjectNode atMost(String field, int value) {
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("range").putObject(field).put("lte", value);
        return query;
    }
}
