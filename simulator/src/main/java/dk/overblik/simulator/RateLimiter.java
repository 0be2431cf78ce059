package dk.overblik.simulator;

import java.util.concurrent.locks.LockSupport;

/** Paces delivery to a number of records per second; unlimited when the rate is 0 or less. */
public final class RateLimiter {
    private final long nanosPerRecord;
    private long next = System.nanoTime();

    public RateLimiter(double recordsPerSecond) {
        this.nanosPerRecord = recordsPerSecond > 0 ? (long) (1e9 / recordsPerSecond) : 0;
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(0);
    }

    public void acquire() {
        if (nanosPerRecord == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
        }
        next = Math.max(next, now) + nanosPerRecord;
    }
}
