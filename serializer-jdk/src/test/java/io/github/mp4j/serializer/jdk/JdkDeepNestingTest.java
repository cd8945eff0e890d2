package io.github.mp4j.serializer.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nesting deeper than a thread's stack: errors, never a StackOverflowError escaping the serializer. */
class JdkDeepNestingTest {
    private static final int DEPTH = 20_000;

    private static List<Object> nested(int depth) {
        List<Object> outer = new ArrayList<>();
        List<Object> current = outer;
        for (int i = 1; i < depth; i++) {
            List<Object> inner = new ArrayList<>();
            current.add(inner);
            current = inner;
        }
        return outer;
    }

    private static <T> T onThread(long stackBytes, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(null, future, "stack-" + stackBytes, stackBytes);
        thread.start();
        return future.get(60, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(90)
    void encodingNestingDeeperThanTheStackRaisesSerializationException() throws Exception {
        List<Object> deep = nested(DEPTH);
        Throwable thrown = onThread(256 * 1024, () -> {
            try {
                JdkTestPayloads.encode(deep);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(thrown).isExactlyInstanceOf(SerializationException.class)
                .hasMessage("value of type java.util.ArrayList nests too deeply to be encoded by serializer jdk on"
                        + " this thread's stack; flatten it or encode on a thread with a larger stack");
    }

    @Test
    @Timeout(90)
    void decodingTooDeepForTheStackRaisesDecodeExceptionAndMaxDepthStopsItFirst() throws Exception {
        byte[] payload = onThread(1L << 30, () -> JdkTestPayloads.encode(nested(DEPTH)));
        JdkSerializer unlimited = new JdkSerializer(DecodeLimits.defaults().withMaxDepth(Long.MAX_VALUE));
        Throwable overflow = onThread(256 * 1024, () -> failure(unlimited, payload));
        assertThat(overflow).isExactlyInstanceOf(DecodeException.class)
                .hasMessage("payload of " + payload.length + " bytes nests too deeply for this thread's stack;"
                        + " lower DecodeLimits.maxDepth or decode on a thread with a larger stack");
        Throwable limited = onThread(2 * 1024 * 1024, () -> failure(new JdkSerializer(), payload));
        assertThat(limited).isExactlyInstanceOf(DecodeException.class)
                .hasMessage("payload of " + payload.length + " bytes refused by serializer jdk: nesting depth 501"
                        + " exceeds maxDepth=500; if the sender is trusted, raise it with"
                        + " DecodeLimits.withMaxDepth(...)");
    }

    private static Throwable failure(JdkSerializer serializer, byte[] payload) {
        try {
            serializer.decode(payload, 0, payload.length, TypePolicy.defaults());
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
