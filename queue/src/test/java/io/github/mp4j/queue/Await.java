package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling a condition of the system's state (never a timing assumption), with a deadline so a test cannot hang. */
public final class Await {
    /** How long a condition may take before the test fails. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private Await() {
    }

    /**
     * Returns once {@code condition} holds, checking every 5 ms.
     *
     * @throws AssertionError naming {@code what} if it does not hold within {@link #DEADLINE}
     */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting after %s for %s", DEADLINE, what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
