package io.github.mp4j.queue;

/** The queue contract on the kryo serializer, used in the owner process. */
class LocalKryoQueueTest extends QueueContract {
    LocalKryoQueueTest() {
        super("kryo", false);
    }
}
