package io.github.mp4j.queue;

/** The queue contract on the jdk serializer, used in the owner process. */
class LocalJdkQueueTest extends QueueContract {
    private static final QueueFactory FACTORY = QueueFactory.builder().serializer("jdk").build();

    @Override
    QueueFactory factory() {
        return FACTORY;
    }

    @Override
    boolean remote() {
        return false;
    }
}
