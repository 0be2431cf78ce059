package dk.overblik.stack.cli;

import dk.overblik.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "status", description = "Show what runs, with PID, port and log.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        Stack stack = options.stack();
        System.out.printf("%-18s %-9s %-8s %-6s %s%n", "COMPONENT", "STATE", "PID", "PORT", "LOG");
        for (Stack.ComponentStatus s : stack.status()) {
            String state = s.ready() ? "ready" : s.running() ? "starting" : "stopped";
            System.out.printf("%-18s %-9s %-8s %-6s %s%n", s.name(), state, s.running() ? Long.toString(s.pid()) : "-",
                    s.port(), stack.layout().projectDir().relativize(s.log()));
        }
        return 0;
    }
}
