package dk.overblik.stack.cli;

import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.simulator.deliver.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "token", description = "Print an access token for a demo user (password demo) or, with 'vendor', the demo vendor system.")
final class TokenCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(paramLabel = "USER", description = "caseworker-a, callcenter-a, auditor-a, advisadmin-a, admin-a, caseworker-b or vendor")
    String user;

    @Override
    public Integer call() {
        StackEnv env = StackEnv.read(options.layout().envFile())
                .orElseThrow(() -> new StackException("The stack is not running: start it with ./overblik up -d"));
        Tokens tokens = new Tokens(env.get(StackEnv.OIDC_ISSUER));
        System.out.println("vendor".equals(user) ? tokens.forDemoVendor() : tokens.forUser(user));
        return 0;
    }
}
