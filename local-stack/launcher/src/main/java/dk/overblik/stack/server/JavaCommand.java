package dk.overblik.stack.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java} command lines with the JVM that runs the launcher. */
final class JavaCommand {
    private JavaCommand() {
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> of(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
