package dk.overblik.simulator.deliver;

import java.io.PrintStream;

/**
 * A progress line on stderr: parties done, records, rate and ETA; redrawn in place on a
 * terminal, a line every ten seconds otherwise (CI logs), nothing when quiet.
 */
public final class Progress {
    private final PrintStream out;
    private final long totalParties;
    private final boolean terminal;
    private final boolean quiet;
    private final long started = System.nanoTime();
    private long parties;
    private long records;
    private long lastPrint;

    public Progress(PrintStream out, long totalParties, boolean quiet) {
        this.out = out;
        this.totalParties = totalParties;
        this.terminal = System.console() != null;
        this.quiet = quiet;
    }

    public static Progress silent() {
        return new Progress(System.err, 1, true);
    }

    public void advance(int recordCount) {
        parties++;
        records += recordCount;
        long now = System.nanoTime();
        if (!quiet && now - lastPrint > (terminal ? 500_000_000L : 10_000_000_000L)) {
            lastPrint = now;
            print(now, false);
        }
    }

    public void finish() {
        if (!quiet) {
            print(System.nanoTime(), true);
        }
    }

    private void print(long now, boolean last) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double fraction = totalParties == 0 ? 1 : Math.min(1, (double) parties / totalParties);
        long eta = fraction > 0 ? Math.round(seconds / fraction - seconds) : 0;
        int filled = (int) Math.round(fraction * 30);
        String line = String.format("[%s%s] %3.0f%% %,d records %,.0f/s ETA %d:%02d", "#".repeat(filled), ".".repeat(30 - filled),
                fraction * 100, records, records / seconds, eta / 60, eta % 60);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
