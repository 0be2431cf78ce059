package dk.overblik.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a server's log, to show with a failure so the user need not go looking. */
final class LogTail {
    private static final int LINES = 15;

    private LogTail() {
    }

    static String describe(Path log) {
        try {
            if (!Files.exists(log)) {
                return "No log was written (" + log + ").";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
            return "Log: " + log + "; its last lines:\n    " + String.join("\n    ", tail);
        } catch (IOException e) {
            return "Log: " + log + " (unreadable: " + e.getMessage() + ")";
        }
    }
}
