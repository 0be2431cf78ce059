package dk.overblik.stack;

import dk.overblik.stack.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortPlanTest {

    @Test
    void theTestStackTakesFreePortsAndKeepsThemOnceSaved(@TempDir Path project) {
        StackLayout layout = StackLayout.test(project);
        PortPlan plan = PortPlan.load(layout, Map.of());
        int kafka = plan.port("kafka");
        assertThat(kafka).isNotEqualTo(9092).isPositive();
        assertThat(plan.port("kafka")).isEqualTo(kafka);
        plan.save();

        assertThat(PortPlan.load(layout, Map.of()).port("kafka")).isEqualTo(kafka);
    }

    @Test
    void anEnvironmentVariableForcesAPort(@TempDir Path project) {
        int free = Ports.freePort();
        PortPlan plan = PortPlan.load(StackLayout.dev(project), Map.of("OVERBLIK_PORT_KAFKA_CONTROLLER", Integer.toString(free)));
        assertThat(plan.port("kafka-controller")).isEqualTo(free);
    }

    @Test
    void aTakenPortIsReportedByNameWithWhatToDo(@TempDir Path project) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortPlan plan = PortPlan.load(StackLayout.dev(project), Map.of("OVERBLIK_PORT_OPENSEARCH", Integer.toString(taken.getLocalPort())));
            assertThatThrownBy(() -> plan.requireFree("opensearch"))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (opensearch) is taken")
                    .hasMessageContaining("OVERBLIK_PORT_OPENSEARCH");
        }
    }
}
