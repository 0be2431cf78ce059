package dk.overblik.orgsync.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.orgsync.TestOrg;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportReaderTest {
    private static final String TENANT = "55133018";

    private static OrgExport plainRead(byte[] json) throws Exception {
        return Json.mapper().readValue(json, OrgExport.class);
    }

    @Test
    void readsWhatAPlainReadReadsAndReusesOnlyEntitiesWhoseBytesCameAgain() throws Exception {
        ExportReader reader = new ExportReader();
        OrgExport export = TestOrg.export(TENANT);
        OrgExport first = reader.read(TENANT, Json.toBytes(export));
        OrgExport changed = TestOrg.withUnit(export, TestOrg.SOCIAL, u -> TestOrg.withTasks(u, List.of("32", "28")));
        byte[] changedJson = Json.toBytes(changed);

        OrgExport second = reader.read(TENANT, changedJson);

        assertThat(first).isEqualTo(plainRead(Json.toBytes(export)));
        assertThat(second).isEqualTo(plainRead(changedJson));
        for (int i = 0; i < second.orgUnits().size(); i++) {
            boolean isTheChangedUnit = second.orgUnits().get(i).uuid().equals(TestOrg.SOCIAL);
            assertThat(second.orgUnits().get(i) == first.orgUnits().get(i)).as("unit %d reused", i).isEqualTo(!isTheChangedUnit);
        }
        for (int i = 0; i < second.users().size(); i++) {
            assertThat(second.users().get(i)).isSameAs(first.users().get(i));
        }
        assertThat(reader.read("29189714", changedJson).orgUnits().get(0)).as("other municipalities keep their own")
                .isNotSameAs(second.orgUnits().get(0)).isEqualTo(second.orgUnits().get(0));
    }

    @Test
    void unknownPropertiesAndOtherFormattingReadAsAPlainReadDoes() throws Exception {
        ExportReader reader = new ExportReader();
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Json.toBytes(TestOrg.export(TENANT)));
        tree.putObject("Extra").putArray("nested").add(1);
        ((ObjectNode) tree.get("Users").get(0)).put("Unknown", "x");
        byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);

        assertThat(reader.read(TENANT, pretty)).isEqualTo(plainRead(pretty));
        assertThat(reader.read(TENANT, pretty)).isEqualTo(plainRead(pretty));
    }

    @Test
    void badDocumentsFailAsAPlainReadFails() throws Exception {
        ExportReader reader = new ExportReader();
        reader.read(TENANT, Json.toBytes(TestOrg.export(TENANT)));
        JsonNode withoutUsers = ((ObjectNode) Json.mapper().readTree(Json.toBytes(TestOrg.export(TENANT)))).without("Users");

        assertThatThrownBy(() -> reader.read(TENANT, "{\"Municipality\": \"55133018\", \"OrgUnits\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> reader.read(TENANT, Json.toBytes(withoutUsers))).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> reader.read(TENANT, "{\"Municipality\": \"55133018\", \"OrgUnits\": [null], \"Users\": []}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(JsonProcessingException.class);
        assertThat(reader.read(TENANT, "null".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
