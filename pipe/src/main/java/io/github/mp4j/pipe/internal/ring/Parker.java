package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.pipe.internal.Deadline;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The waiting side of the park/doorbell protocol for one role (consumer or producer) of one ring: stay awake for a
 * bounded, adaptive time ({@link AwakeWindow}: spin, then yield), then announce parking in the ring's park word,
 * re-check, and block on the doorbell. The other side publishes (release), runs a full fence, then reads the park
 * word and rings only if it is set. Either the waiter's re-check sees the publication or the publisher sees the
 * announcement (the fences forbid both missing), so no wake-up is lost and no doorbell byte is written while the
 * waiter is awake.
 */
final class Parker {
    private final SharedWords words;
    private final int parkWordOffset;
    private final Doorbell doorbell;
    private final SpinPolicy spin;
    /** The adaptive awake time of this role's waits; used only by the one thread that waits in {@link #await}. */
    private final AwakeWindow window;
    /** Threads of this process that announced parking on this word (a reader and {@code Connections.wait}). */
    private int parked;

    Parker(SharedWords words, int parkWordOffset, Doorbell doorbell, SpinPolicy spin) {
        this.words = words;
        this.parkWordOffset = parkWordOffset;
        this.doorbell = doorbell;
        this.spin = spin;
        this.window = new AwakeWindow(spin);
    }

    /** Waits until {@code ready} holds, the peer is gone, or {@code deadline} passes. */
    Doorbell.Wake await(BooleanSupplier ready, long deadline) throws IOException {
        if (ready.getAsBoolean()) {
            return Doorbell.Wake.READY;
        }
        long start = System.nanoTime();
        if (stayAwake(ready, start, deadline)) {
            window.answeredAwake(System.nanoTime() - start);
            return Doorbell.Wake.READY;
        }
        announce();
        Doorbell.Wake wake;
        try {
            wake = doorbell.await(ready, deadline);
        } finally {
            withdraw();
        }
        if (wake == Doorbell.Wake.READY) {
            window.answeredParked(System.nanoTime() - start);
        }
        return wake;
    }


    /**
     * Sets the park word (release, then a full fence) so the other side rings the doorbell after its next
     * publication. Counted: the word is cleared when the last thread that announced {@link #withdraw withdraws}.
     */
    synchronized void announce() {
        if (parked++ == 0) {
            words.releaseInt(parkWordOffset, 1);
        }
        SharedWords.fullFence();
    }

    /** Undoes one {@link #announce()}. */
    synchronized void withdraw() {
        if (--parked == 0) {
            words.releaseInt(parkWordOffset, 0);
        }
    }

    /**
     * Checks {@code ready} with {@link Thread#onSpinWait()} for the policy's spin time, then with
     * {@link Thread#yield()} until the awake window (from {@code start}) or the deadline passes; true once it holds.
     */
    private boolean stayAwake(BooleanSupplier ready, long start, long deadline) {
        long awake = window.nanos();
        long spinEnd = start + Math.min(spin.spinNanos(), awake);
        long awakeEnd = start + awake;
        while (true) {
            long now = System.nanoTime();
            if (now - awakeEnd >= 0 || (deadline != Deadline.NONE && now - deadline >= 0)) {
                return false;
            }
            if (now - spinEnd < 0) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if (ready.getAsBoolean()) {
                return true;
            }
        }
    }
}
