package dk.overblik.stack.server;

import dk.overblik.stack.process.Processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The unprivileged user ({@code nobody}) that runs servers which refuse root. */
final class ServerUser {
    private static volatile String uidGid;

    private ServerUser() {
    }

    static String uidGid() {
        if (uidGid == null) {
            Path cwd = Path.of(".");
            String uid = Processes.run(List.of("id", "-u", "nobody"), cwd, Duration.ofSeconds(5)).strip();
            String gid = Processes.run(List.of("id", "-g", "nobody"), cwd, Duration.ofSeconds(5)).strip();
            uidGid = uid + ":" + gid;
        }
        return uidGid;
    }

    /** A prefix that runs the rest of the command line as nobody, in the same process (no fork). */
    static List<String> dropPrivileges() {
        String[] ids = uidGid().split(":");
        return List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups");
    }
}
