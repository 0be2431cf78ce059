package dk.overblik.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: points the application under test at the real test stack. The keys of
 * stack.env are configuration keys the services read (see service-support's defaults).
 * Use with {@code @WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)}.
 */
public class OverblikStack implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestStack.ensureRunning().asMap();
    }

    @Override
    public void stop() {
        // The stack outlives this application: later test classes and modules reuse it, and the
        // watchdog stops it when the build ends.
    }
}
