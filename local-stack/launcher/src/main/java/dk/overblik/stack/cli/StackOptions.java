package dk.overblik.stack.cli;

import dk.overblik.stack.Stack;
import dk.overblik.stack.StackLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares: which checkout, and which of its stacks. */
final class StackOptions {
    @Option(names = "--project-dir", description = "The Overblik checkout (default: found from the working folder).")
    Path projectDir;

    @Option(names = "--stack", defaultValue = StackLayout.DEV, description = "dev (default, .overblik/), test (.overblik/test/) or bench (.overblik/bench/).")
    String stackName;

    StackLayout layout() {
        Path dir = projectDir != null ? projectDir : StackLayout.findProjectDir(Path.of(""));
        return StackLayout.named(dir.toAbsolutePath().normalize(), stackName);
    }

    Stack stack() {
        return new Stack(layout(), System.getenv(), System.out);
    }
}
