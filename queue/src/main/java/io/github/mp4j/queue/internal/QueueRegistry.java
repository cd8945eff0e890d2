package io.github.mp4j.queue.internal;

import io.github.mp4j.HandleRefusedException;
import io.github.mp4j.queue.internal.owner.OwnerQueue;
import io.github.mp4j.queue.internal.remote.RemoteQueue;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.spi.Serializer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns handles back into queues: the owner's own view in the owner (only for a handle that carries the key of the
 * owner's attach service, while the queue is offered), elsewhere one shared proxy view per queue and set of rules.
 * A proxy that was closed is dropped from the cache: a later handle of the same queue gets a fresh proxy (which
 * attaches again), never the closed one.
 */
public final class QueueRegistry {
    private static final Map<List<Object>, SimpleQueueView<?>> PROXIES = new ConcurrentHashMap<>();

    private QueueRegistry() {
    }

    /**
     * The queue {@code handle} names, under the receiving side's {@code rules}: in the owner, the queue itself
     * (with the owner's own settings); elsewhere a proxy that decodes items with the rules' policy narrowed by the
     * handle's, uses the handle's serializer only if the rules allow it, takes the smaller largest frame, and
     * attaches only where the rules allow. Nothing connects here; the proxy connects on first use.
     *
     * @throws HandleRefusedException if the rules refuse the handle's serializer, address or settings
     */
    public static SimpleQueueView<?> resolve(QueueHandle handle, HandleRules rules) {
        if (handle.owner() != null && handle.owner().equals(LocalProcess.id())) {
            OwnerQueue own = QueueAttacher.local(handle);
            if (own != null) {
                return own.view();
            }
        }
        String what = QueueErrors.describe(handle.queueId(), handle.name(), handle.owner());
        if (handle.kind() == null || handle.authkey() == null) {
            throw new HandleRefusedException(String.valueOf(rules.serializerName()), what + " has no "
                    + (handle.kind() == null ? "kind" : "authkey") + ": the handle is forged or corrupt", null);
        }
        Serializer s = rules.serializerFor(handle.serializer(), what);
        rules.checkAddress(handle.address(), what);
        long maxFrame = rules.maxFrameLengthFor(handle.maxFrameLength(), what);
        HandleRules own = rules.narrowedTo(s, rules.policyFor(handle.typePolicy()), maxFrame, handle.address());
        QueueHandle effective = new QueueHandle(handle.address(), handle.authkey(), handle.queueId(), handle.kind(),
                handle.maxsize(), s.name(), own.policy(), maxFrame, handle.owner(), handle.name());
        List<Object> key = List.of(handle.address(), handle.queueId(), s.name(), own.policy(), maxFrame,
                HexFormat.of().formatHex(handle.authkey()), own.attachOverTcp());
        PROXIES.values().removeIf(p -> p.backend().isClosed());
        return PROXIES.compute(key, (k, cached) -> cached != null && !cached.backend().isClosed() ? cached
                : Queues.view(new RemoteQueue(effective, s, own), handle.kind()));
    }

    /**
     * How many proxies this process caches now. A closed proxy leaves the cache at the next {@link #resolve} (the
     * proxy has no close hook here), and are never returned by it.
     */
    public static int cachedProxies() {
        return PROXIES.size();
    }
}
