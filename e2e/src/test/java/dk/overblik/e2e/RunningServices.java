package dk.overblik.e2e;

import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.TestStack;

/**
 * The four packaged services, started once for all end-to-end tests (as ./overblik up does) and
 * stopped when the test JVM ends.
 */
final class RunningServices {
    private static StackEnv env;

    private RunningServices() {
    }

    static synchronized StackEnv env() {
        if (env == null) {
            env = TestStack.startServices();
            Runtime.getRuntime().addShutdownHook(new Thread(TestStack::stopServices, "stop-services"));
        }
        return env;
    }
}
