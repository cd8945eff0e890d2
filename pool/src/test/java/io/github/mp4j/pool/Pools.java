package io.github.mp4j.pool;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.QueueFactory;

/** The tests' pool settings: the JDK serializer, the default policy plus this package (for test result types). */
final class Pools {
    static final QueueFactory FACTORY = QueueFactory.builder().serializer("jdk")
            .typePolicy(TypePolicy.defaults().allowPackages("io.github.mp4j.pool")).build();

    private Pools() {
    }

    static JvmPool.Builder builder(int workers) {
        return JvmPool.builder(FACTORY).workers(workers);
    }
}
