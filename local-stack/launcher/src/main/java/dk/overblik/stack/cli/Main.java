package dk.overblik.stack.cli;

import dk.overblik.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./overblik}: runs the local stack. */
@Command(name = "overblik", mixinStandardHelpOptions = true,
        description = "Runs Overblik locally on real Kafka, OpenSearch, PostgreSQL and Keycloak.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ResetCommand.class,
                TokenCommand.class, WatchCommand.class})
public final class Main {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StackException) {
                commandLine.getErr().println("overblik: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
