package io.github.mp4j.queue;

/** The queue contract on the kryo serializer, used in the owner process. */
class LocalKryoQueueTest extends QueueContract {
    private static final QueueFactory FACTORY = QueueFactory.builder().serializer("kryo").build();

    @Override
    QueueFactory factory() {
        return FACTORY;
    }

    @Override
    boolean remote() {
        return false;
    }
}
