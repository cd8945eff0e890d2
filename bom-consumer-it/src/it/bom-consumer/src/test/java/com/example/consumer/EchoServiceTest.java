package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EchoServiceTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void greetingRoundTripsThroughAChildJvmWithKryo() throws Exception {
        var mp = EchoService.factory();
        assertEquals("kryo", mp.connectionOptions().serializer().name());
        Greeting answer = EchoService.roundTrip(mp, new Greeting("hello", 0));
        assertEquals(1, answer.hops());
        String prefix = "hello / echo from ";
        assertEquals(prefix, answer.text().substring(0, prefix.length()));
        long childPid = Long.parseLong(answer.text().substring(prefix.length()));
        assertNotEquals(ProcessHandle.current().pid(), childPid);
    }
}
