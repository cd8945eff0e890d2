package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.queue.Await;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Items a get takes ahead ({@link RedisQueues.Builder#prefetch(int)}): they count in {@code qsize} until a get
 * returns them, go back to the head when the queue is closed or the taker idles, and come back exactly once from a
 * taker killed with {@code kill -9}.
 */
@Timeout(120)
class RedisPrefetchTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path logs;

    private static QueueFactory kryo(RedisQueues redis) {
        return QueueFactory.builder().serializer("kryo").backend(redis).build();
    }

    private static RedisQueues taker(int prefetch, Duration idle) {
        return RedisQueues.builder(REDIS.uri()).prefetch(prefetch).prefetchIdle(idle).build();
    }

    /** The length of a queue's waiting-items list, read from Redis directly. */
    private static long waiting(String name) {
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            return j.llen("mp4j:{" + name + "}:items");
        }
    }

    /** Who holds items taken ahead of gets, read from Redis directly (null: nobody). */
    private static String holder(String name) {
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            return j.get("mp4j:{" + name + "}:holder");
        }
    }

    @Test
    void qsizeCountsItemsTakenAheadUntilAGetReturnsThem() throws Exception {
        try (RedisQueues producer = RedisQueues.connect(REDIS.uri());
             RedisQueues consumer = taker(4, Duration.ofMinutes(10))) {
            Queue<Integer> put = producer.queue(kryo(producer), "ahead", 0);
            Queue<Integer> get = consumer.queue(kryo(consumer), "ahead", 0);
            for (int i = 0; i < 10; i++) {
                put.put(i);
            }
            assertThat(get.get(LONG)).isZero();
            assertThat(waiting("ahead")).isEqualTo(5); // 1 returned, 4 taken ahead by the same round trip
            assertThat(put.qsize()).isEqualTo(9);
            assertThat(get.qsize()).isEqualTo(9);

            assertThat(get.get(LONG)).isEqualTo(1);
            assertThat(waiting("ahead")).isEqualTo(4);
            assertThat(put.qsize()).isEqualTo(8);

            get.close(); // gives back what it took ahead, at the head, in order
            assertThat(waiting("ahead")).isEqualTo(8);
            assertThat(put.qsize()).isEqualTo(8);
            for (int i = 2; i < 10; i++) {
                assertThat(put.get(LONG)).isEqualTo(i);
            }
            assertThat(put.qsize()).isZero();
            assertThatThrownBy(put::getNowait).isExactlyInstanceOf(QueueEmptyException.class);
        }
    }

    /**
     * Two takers that both held items ahead and gave them back in the wrong order (the older ones first) would put
     * newer items ahead of older ones: a "no more work" item put after every task could be got while tasks wait
     * behind it (a JoinableQueue's join then never returns). Only one taker holds items ahead at a time.
     */
    @Test
    void onlyOneTakerHoldsItemsAheadSoGivingBackKeepsPutOrder() throws Exception {
        try (RedisQueues producer = RedisQueues.connect(REDIS.uri());
             RedisQueues first = taker(4, Duration.ofMinutes(10));
             RedisQueues second = taker(4, Duration.ofMinutes(10))) {
            Queue<Integer> put = producer.queue(kryo(producer), "one-holder", 0);
            assertGivingBackKeepsPutOrder(put, first.queue(kryo(first), "one-holder", 0),
                    second.queue(kryo(second), "one-holder", 0), "one-holder");
        }
    }

    /** The same with two queue objects of one process for one queue name (two threads each opening it by name). */
    @Test
    void twoQueueObjectsOfOneProcessAreTwoTakersForHoldingAhead() throws Exception {
        try (RedisQueues producer = RedisQueues.connect(REDIS.uri());
             RedisQueues consumer = taker(4, Duration.ofMinutes(10))) {
            Queue<Integer> put = producer.queue(kryo(producer), "one-holder-2", 0);
            assertGivingBackKeepsPutOrder(put, consumer.queue(kryo(consumer), "one-holder-2", 0),
                    consumer.queue(kryo(consumer), "one-holder-2", 0), "one-holder-2");
        }
    }

    private static void assertGivingBackKeepsPutOrder(Queue<Integer> put, Queue<Integer> a, Queue<Integer> b,
                                                      String name) throws Exception {
        for (int i = 0; i < 10; i++) {
            put.put(i);
        }
        assertThat(a.get(LONG)).isZero(); // and holds 1-4 ahead
        assertThat(waiting(name)).isEqualTo(5);
        assertThat(b.get(LONG)).isEqualTo(5); // takes nothing ahead while a holds items
        assertThat(waiting(name)).isEqualTo(4);

        a.close(); // 1-4 back at the head; then b may hold items ahead
        assertThat(b.get(LONG)).isEqualTo(1); // and holds 2-4, 6 ahead
        b.close();
        for (int i : new int[] {2, 3, 4, 6, 7, 8, 9}) {
            assertThat(put.get(LONG)).isEqualTo(i);
        }
        assertThat(put.qsize()).isZero();
    }

    @Test
    void boundedQueueCountsItemsTakenAheadAgainstMaxsize() throws Exception {
        try (RedisQueues producer = RedisQueues.connect(REDIS.uri());
             RedisQueues consumer = taker(4, Duration.ofMinutes(10))) {
            Queue<Integer> put = producer.queue(kryo(producer), "bounded", 5);
            Queue<Integer> get = consumer.queue(kryo(consumer), "bounded", 5);
            for (int i = 0; i < 5; i++) {
                put.put(i);
            }
            assertThat(get.get(LONG)).isZero();
            assertThat(waiting("bounded")).isZero(); // the other 4 are taken ahead
            assertThat(put.qsize()).isEqualTo(4);
            assertThat(put.full()).isFalse();
            put.putNowait(5);
            assertThat(put.full()).isTrue();
            assertThatThrownBy(() -> put.putNowait(6)).isExactlyInstanceOf(io.github.mp4j.QueueFullException.class);
            for (int i = 1; i <= 5; i++) {
                assertThat(get.get(LONG)).isEqualTo(i);
            }
            assertThat(put.qsize()).isZero();
        }
    }

    @Test
    void itemsTakenAheadGoBackToOtherTakersWhenTheirTakerIdles() throws Exception {
        try (RedisQueues producer = RedisQueues.connect(REDIS.uri());
             RedisQueues consumer = taker(4, Duration.ofMillis(50))) {
            Queue<String> put = producer.queue(kryo(producer), "idle", 0);
            Queue<String> get = consumer.queue(kryo(consumer), "idle", 0);
            for (String s : new String[] {"a", "b", "c"}) {
                put.put(s);
            }
            assertThat(get.get(LONG)).isEqualTo("a");
            Await.until(() -> waiting("idle") == 2, "b and c to go back after 50 ms without a get");
            assertThat(put.get(LONG)).isEqualTo("b");
            assertThat(put.get(LONG)).isEqualTo("c");
            assertThat(get.qsize()).isZero();
            assertThatThrownBy(get::getNowait).isExactlyInstanceOf(QueueEmptyException.class);
        }
    }

    @Test
    void itemsTakenAheadByAConsumerKilledWithKillNineComeBackExactlyOnce() throws Exception {
        try (RedisQueues redis = RedisChildren.connect(REDIS.uri())) {
            Queue<String> q = redis.queue(kryo(redis), "victim", 0);
            Queue<String> reports = kryo(redis).queue();
            for (String s : new String[] {"a", "b", "c", "d"}) {
                q.put(s);
            }
            try (JvmProcess victim = JvmProcess.builder(RedisChildren::getOneHoldingMoreThenHang)
                    .args(REDIS.uri(), q, reports, 3)
                    .redirectError(ProcessBuilder.Redirect.to(logs.resolve("victim.err").toFile())).build()) {
                victim.start();
                assertThat(reports.get(LONG)).isEqualTo("got a");
                assertThat(waiting("victim")).isZero(); // b, c, d are the victim's, taken ahead
                assertThat(q.qsize()).isEqualTo(3);
                assertThat(holder("victim")).startsWith(victim.pid() + "@");

                victim.kill();
                assertThat(victim.join(LONG)).isTrue();
                assertThat(victim.exitCode()).hasValue(137);
            }
            Await.until(() -> waiting("victim") == 3, "the killed taker's lease to expire and b, c, d to go back");
            assertThat(holder("victim")).as("the dead holder's claim ends with its lease").isNull();

            assertThat(q.get(LONG)).isEqualTo("b");
            assertThat(q.get(LONG)).isEqualTo("c");
            assertThat(q.get(LONG)).isEqualTo("d");
            assertThat(q.qsize()).isZero();
            // "a" was returned by the victim's get and never comes back; b, c, d do not come back a second time
            // when later lease checks run (a lease's expiry puts back once): nothing arrives within two leases.
            assertThatThrownBy(() -> q.get(RedisChildren.LEASE.multipliedBy(2)))
                    .isExactlyInstanceOf(QueueEmptyException.class);
            assertThat(q.qsize()).isZero();
        }
    }

    /**
     * The get script only checks that the taker has a lease entry (the keeper renews it); when the entry is gone (an
     * expiry put everything back while this process stalled), the get that takes items ahead creates it again in
     * the same script, so items never sit in an in-flight list that no lease puts back.
     */
    @Test
    void aGetThatTakesAheadRestoresAMissingLeaseEntryInTheSameStep() throws Exception {
        try (RedisQueues consumer = taker(4, Duration.ofMinutes(10));
             Jedis admin = new Jedis("127.0.0.1", REDIS.port())) {
            Queue<Integer> q = consumer.queue(kryo(consumer), "relet", 0);
            for (int i = 0; i < 10; i++) {
                q.put(i);
            }
            String leases = "mp4j:{relet}:leases";
            assertThat(admin.zrange(leases, 0, -1)).hasSize(1);
            String taker = admin.zrange(leases, 0, -1).get(0);
            admin.zrem(leases, taker); // as the expiry script does (the keeper's next tick is seconds away)

            assertThat(q.get(LONG)).isZero();
            assertThat(admin.llen("mp4j:{relet}:inflight:" + taker)).as("items taken ahead").isEqualTo(4);
            java.util.List<String> time = admin.time();
            long nowMillis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
            assertThat(admin.zscore(leases, taker)).as("lease expiry of the taker holding them, Redis clock ms")
                    .isNotNull().isGreaterThan((double) nowMillis);
        }
    }
}
