package io.github.mp4j.queue;

/** The queue contract on the kryo serializer, through a remote proxy over a real socket. */
class RemoteKryoQueueTest extends QueueContract {
    RemoteKryoQueueTest() {
        super("kryo", true);
    }
}
