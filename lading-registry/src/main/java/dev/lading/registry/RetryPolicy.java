package dev.lading.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is repeated after a transient failure (connection reset, 429, 5xx).
 * The sleeper and clock are injectable so tests can observe the waits instead of sitting through them.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter,
                          Sleeper sleeper, Clock clock) {

    /** Waits; {@link #real()} sleeps the thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper real() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }

    /** Five attempts, 200 ms doubling up to 10 s; a server's Retry-After is honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Sleeper.real(), Clock.systemUTC());
    }

    public static RetryPolicy none() {
        return defaults().withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, maxRetryAfter, sleeper, clock);
    }

    public RetryPolicy withSleeper(Sleeper newSleeper) {
        return new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxRetryAfter, newSleeper, clock);
    }

    public RetryPolicy withClock(Clock newClock) {
        return new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxRetryAfter, sleeper, newClock);
    }

    public RetryPolicy withDelays(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, sleeper, clock);
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}: exponential, with "equal jitter" (half fixed, half random)
     * so that many clients that failed together do not come back together.
     */
    Duration backoff(int failedAttempts) {
        long base = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        long exp = base << Math.min(failedAttempts - 1, 20);
        long d = Math.max(0, Math.min(cap, exp));
        long half = d / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }
}
