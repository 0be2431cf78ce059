package dk.overblik.stack.process;

/** A process this launcher just started: the record to persist and the handle to watch while it starts. */
public record Started(ProcessRecord record, Process process) {
}
