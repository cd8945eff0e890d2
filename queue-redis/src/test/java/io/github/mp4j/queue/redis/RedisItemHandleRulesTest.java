package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.HandleRefusedException;
import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handle inside an item of a Redis queue re-attaches under that queue's rules (its serializer and policy), as a
 * handle arriving through a pipe or an owned queue does: never with whatever the handle or the process default says.
 */
@Timeout(60)
class RedisItemHandleRulesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @Test
    void aHandleInAnItemMustUseTheQueuesSerializerAndTheNextItemStillArrives() throws Exception {
        try (RedisQueues redis = RedisQueues.connect(REDIS.uri())) {
            Queue<Object> q = QueueFactory.builder().serializer("jdk").typePolicy(TypePolicy.defaults()
                    .allowPackages("io.github.mp4j.queue.internal.share")).backend(redis).build().queue();
            QueueHandle kryoHandle = new QueueHandle("/tmp/mp4j-none/q.sock", new byte[] {1}, 7, QueueKind.QUEUE, 0,
                    "kryo", TypePolicy.allowAll(), 1024, "1@elsewhere");
            q.put(List.of(kryoHandle));
            q.put("after the refusal");

            assertThatThrownBy(() -> q.get(Duration.ofSeconds(30)))
                    .isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessageContaining("uses serializer 'kryo' but arrived through a connection or queue that"
                            + " uses 'jdk'");
            assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("after the refusal");
        }
    }
}
