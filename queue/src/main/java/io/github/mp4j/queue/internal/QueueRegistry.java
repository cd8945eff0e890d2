package io.github.mp4j.queue.internal;

import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.spi.LocalProcess;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns handles back into queues: the owner's own view in the owner, one shared proxy view per queue elsewhere. */
public final class QueueRegistry {
    private static final Map<String, SimpleQueueView<?>> PROXIES = new ConcurrentHashMap<>();

    private QueueRegistry() {
    }

    public static SimpleQueueView<?> resolve(QueueHandle handle) {
        if (handle.owner().equals(LocalProcess.id())) {
            OwnerQueue own = QueueServer.lookup(handle.address(), handle.queueId());
            if (own != null) {
                return own.view();
            }
        }
        return PROXIES.computeIfAbsent(handle.address() + "#" + handle.queueId(),
                k -> Queues.view(new RemoteQueue(handle), handle.kind()));
    }
}
