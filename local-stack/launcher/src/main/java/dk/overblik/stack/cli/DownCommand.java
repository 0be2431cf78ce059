package dk.overblik.stack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "down", description = "Stop exactly the processes the stack started (by recorded PIDs).")
final class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--services-only", description = "Stop the four services and leave the servers running.")
    boolean servicesOnly;

    @Override
    public Integer call() {
        if (servicesOnly) {
            options.stack().downServices();
            System.out.println("Overblik services stopped.");
        } else {
            options.stack().down();
            System.out.println("Overblik stack stopped.");
        }
        return 0;
    }
}
