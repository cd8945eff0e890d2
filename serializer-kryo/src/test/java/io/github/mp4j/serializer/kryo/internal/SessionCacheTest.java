package io.github.mp4j.serializer.kryo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SessionCacheTest {
    /** Which thread made each session. */
    private final Map<KryoSession, String> makers = new ConcurrentHashMap<>();

    private Supplier<KryoSession> recordingFactory(CountDownLatch gate) {
        return () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            KryoSession s = new KryoSession();
            makers.put(s, Thread.currentThread().getName());
            return s;
        };
    }

    @Test
    @Timeout(30)
    void firstObtainWaitsForTheSessionPreparedInTheBackground() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SessionCache cache = new SessionCache(4, recordingFactory(gate));
        cache.prepareInBackground();
        CompletableFuture<KryoSession> first = CompletableFuture.supplyAsync(cache::obtain);
        assertThat(first).isNotDone();
        gate.countDown();
        KryoSession session = first.get(20, TimeUnit.SECONDS);
        assertThat(makers.get(session)).isEqualTo("mp4j-kryo-prepare");
        KryoSession second = cache.obtain();
        assertThat(second).isNotSameAs(session);
        assertThat(makers.get(second)).isNotEqualTo("mp4j-kryo-prepare");
    }

    @Test
    @Timeout(30)
    void failedPreparationFallsBackToMakingOneOnTheCaller() {
        Supplier<KryoSession> failsInBackground = () -> {
            if (Thread.currentThread().getName().equals("mp4j-kryo-prepare")) {
                throw new IllegalStateException("no Kryo today");
            }
            KryoSession s = new KryoSession();
            makers.put(s, Thread.currentThread().getName());
            return s;
        };
        SessionCache cache = new SessionCache(4, failsInBackground);
        cache.prepareInBackground();
        KryoSession session = cache.obtain();
        assertThat(makers.get(session)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void releasedSessionIsReusedBySameThread() {
        SessionCache cache = new SessionCache(4, recordingFactory(new CountDownLatch(0)));
        KryoSession session = cache.obtain();
        cache.release(session);
        assertThat(cache.obtain()).isSameAs(session);
        assertThat(cache.obtain()).isNotSameAs(session);
    }
}
