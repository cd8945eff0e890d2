package io.github.mp4j.queue.internal;

import io.github.mp4j.SimpleQueue;
import io.github.mp4j.queue.internal.owner.OwnerQueue;
import io.github.mp4j.queue.internal.remote.RemoteQueue;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;

/** Test access to the package: a real remote proxy for a queue owned by this JVM, over a real socket. */
public final class Attach {
    private Attach() {
    }

    /** A new proxy for {@code owned} (not the owner's view), connecting to its server like another process. */
    @SuppressWarnings("unchecked")
    public static <Q extends SimpleQueue<?>> Q remote(Q owned) {
        QueueHandle h = ((SimpleQueueView<?>) owned).backend().handle();
        Serializer s = Serializers.byName(h.serializer());
        HandleRules rules = HandleRules.receiving(s.name(), h.typePolicy(), h.maxFrameLength(), false, null);
        return (Q) Queues.view(new RemoteQueue(h, s, rules), h.kind());
    }

    /** {@code "queue 3 owned by 1234@host"} for any queue view. */
    public static String describe(SimpleQueue<?> q) {
        return ((SimpleQueueView<?>) q).backend().describe();
    }

    /** The owner's id of the queue {@code owned}. */
    public static int id(SimpleQueue<?> owned) {
        return owner(owned).id();
    }

    /** Threads of this process waiting at the owner for an item: local getters plus remote credits. */
    public static int waitingAtOwner(SimpleQueue<?> owned) {
        return ((OwnerQueue) ((SimpleQueueView<?>) owned).backend()).waitingGetters();
    }

    /** Attached connections the owner of {@code owned} still serves (it has not yet seen them end). */
    public static int attachedAtOwner(SimpleQueue<?> owned) {
        return ((OwnerQueue) ((SimpleQueueView<?>) owned).backend()).attachedSessions();
    }

    /** Items the owner of {@code owned} sent to attached processes that their gets have not returned. */
    public static int inFlightAtOwner(SimpleQueue<?> owned) {
        return owner(owned).inFlightItems();
    }

    /** Times a large item put into or received by the owner of {@code owned} reused a pooled array. */
    public static long pooledArrayReusesAtOwner(SimpleQueue<?> owned) {
        return owner(owned).pooledArrayReuses();
    }

    /** Times the owner of {@code owned} took back an idle consumer's prefetched items for other getters. */
    public static long fencesAtOwner(SimpleQueue<?> owned) {
        return owner(owned).fences();
    }

    /** Puts waiting for room at the owner of the bounded queue {@code owned}. */
    public static int waitingPutsAtOwner(SimpleQueue<?> owned) {
        return owner(owned).waitingPuts();
    }

    /** What carries each session attached to the owner of {@code owned}: {@code "shm"}, {@code "unix"}, {@code "tcp"}. */
    public static java.util.List<String> sessionTransportsAtOwner(SimpleQueue<?> owned) throws java.io.IOException {
        return owner(owned).sessionTransports();
    }

    /** {@code READ_PAGE} messages the owner of {@code owned} received from attached processes, ever. */
    public static long readPagesAtOwner(SimpleQueue<?> owned) {
        return owner(owned).readPageMessages();
    }

    private static OwnerQueue owner(SimpleQueue<?> owned) {
        return (OwnerQueue) ((SimpleQueueView<?>) owned).backend();
    }
}
