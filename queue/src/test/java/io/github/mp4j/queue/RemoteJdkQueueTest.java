package io.github.mp4j.queue;

/** The queue contract on the jdk serializer, through a remote proxy over a real socket. */
class RemoteJdkQueueTest extends QueueContract {
    RemoteJdkQueueTest() {
        super("jdk", true);
    }
}
