package io.github.mp4j.queue;

/** The queue contract on the jdk serializer, through a remote proxy over a real socket. */
class RemoteJdkQueueTest extends QueueContract {
    private static final QueueFactory FACTORY = QueueFactory.builder().serializer("jdk").build();

    @Override
    QueueFactory factory() {
        return FACTORY;
    }

    @Override
    boolean remote() {
        return true;
    }
}
