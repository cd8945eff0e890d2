package io.github.mp4j.queue;

import io.github.mp4j.pipe.Transport;

/**
 * The queue contract on the kryo serializer through a remote proxy whose session stays on its Unix socket
 * ({@link Transport#SOCKET}); {@link RemoteKryoQueueTest} runs it over the default, shared-memory rings.
 */
class RemoteKryoSocketQueueTest extends QueueContract {
    RemoteKryoSocketQueueTest() {
        super("kryo", true, Transport.SOCKET);
    }
}
