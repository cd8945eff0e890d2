package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.serializer.jdk.JdkSerializer;
import io.github.mp4j.serializer.kryo.KryoSerializer;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.DecodeBombs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A decode bomb through a real pipe (kryo and jdk): the receiver gets a {@link DecodeException} naming the hashing
 * budget instead of a pinned core, and the same connection delivers the next message. (In this module because the
 * pipe module's tests do not have kryo; the queue's own case is in {@link QueueContract}.)
 */
class DecodeBombOverPipeTest {

    @Test
    @Timeout(60)
    void kryoBombIsRefusedAndTheSameConnectionDeliversTheNextMessage() throws Exception {
        refusedThenNextArrives(new KryoSerializer());
    }

    @Test
    @Timeout(60)
    void jdkBombIsRefusedAndTheSameConnectionDeliversTheNextMessage() throws Exception {
        refusedThenNextArrives(new JdkSerializer());
    }

    private static void refusedThenNextArrives(Serializer serializer) throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().serializer(serializer).build();
        try (Pipe pipe = Pipe.open(true, options)) {
            pipe.second().send(DecodeBombs.nestedHashSets(100));
            pipe.second().send("next");
            assertThatThrownBy(() -> pipe.first().recv()).isExactlyInstanceOf(DecodeException.class)
                    .hasMessageContaining("hashing work").hasMessageContaining("exceeds the budget 1048576");
            assertThat(pipe.first().recv()).isEqualTo("next");
        }
    }
}
