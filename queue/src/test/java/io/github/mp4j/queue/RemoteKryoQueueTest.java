package io.github.mp4j.queue;

/** The queue contract on the kryo serializer, through a remote proxy over a real socket. */
class RemoteKryoQueueTest extends QueueContract {
    private static final QueueFactory FACTORY = QueueFactory.builder().serializer("kryo").build();

    @Override
    QueueFactory factory() {
        return FACTORY;
    }

    @Override
    boolean remote() {
        return true;
    }
}
