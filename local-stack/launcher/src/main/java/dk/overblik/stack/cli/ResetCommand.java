package dk.overblik.stack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "reset", description = "Stop the stack and wipe its local data, logs and port choices.")
final class ResetCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        options.stack().reset();
        System.out.println("Overblik stack reset: data wiped.");
        return 0;
    }
}
