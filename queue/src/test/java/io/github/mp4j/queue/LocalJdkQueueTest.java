package io.github.mp4j.queue;

/** The queue contract on the jdk serializer, used in the owner process. */
class LocalJdkQueueTest extends QueueContract {
    LocalJdkQueueTest() {
        super("jdk", false);
    }
}
