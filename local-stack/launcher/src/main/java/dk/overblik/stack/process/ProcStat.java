package dk.overblik.stack.process;

/** Reads the numbered fields of a Linux {@code /proc/<pid>/stat} (or {@code /proc/<pid>/task/<tid>/stat}) line. */
public final class ProcStat {
    private ProcStat() {
    }

    /** The command name (field 2): a thread's name for a task's line, cut to 15 characters by Linux. */
    public static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /**
     * Field {@code n} (numbered from 1 as in proc(5); 4 or later, the numeric ones) of {@code stat}. The command name
     * (field 2) is in parentheses and may hold spaces, so the fields are counted after its closing one.
     */
    public static long field(String stat, int n) {
        if (n < 4) {
            throw new IllegalArgumentException("Only the fields after the command name and the state are numbers: " + n);
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[n - 3]);
    }
}
