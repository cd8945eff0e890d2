package io.github.mp4j.serializer.kryo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.kryo.KryoSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A top-level string or null is written by {@link StringPayload} without a Kryo instance: byte for byte what a Kryo
 * session writes for it, and read back by {@link KryoSerializer#decode} as any payload.
 */
class StringPayloadTest {
    private static final byte[] HEADER = {0x4B, (byte) 0xF5, 3};

    private static List<String> samples() {
        List<String> samples = new ArrayList<>(Arrays.asList(null, "", "a", "up", "h\u00e9llo", "\u65e5\u672c\u8a9e",
                "\u0000", "\ud83d\ude00 emoji", "x".repeat(126), "x".repeat(127), "x".repeat(128),
                "y".repeat(16_383), "y".repeat(16_384), "\u00e9".repeat(70_000)));
        samples.add("unpaired \ud800 surrogate");
        return samples;
    }

    @Test
    void writesWhatAKryoSessionWritesForEveryString() throws IOException {
        KryoSession session = new KryoSession();
        session.kryo.resolver().beginWrite(TypePolicy.defaults());
        for (String s : samples()) {
            ByteArrayOutputStream kryo = new ByteArrayOutputStream();
            session.output.setOutputStream(kryo);
            session.output.writeBytes(HEADER);
            session.kryo.writeClassAndObject(session.output, s);
            session.output.flush();
            session.output.setOutputStream(null);
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            StringPayload.write(HEADER, s, direct);
            assertThat(direct.toByteArray()).as("payload of %s", s == null ? "null" : s.length() + " chars")
                    .isEqualTo(kryo.toByteArray());
        }
    }

    @Test
    void theSerializerWritesStringsThatWayAndReadsThemBack() throws IOException {
        KryoSerializer serializer = new KryoSerializer();
        for (String s : samples()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            serializer.encode(s, out, TypePolicy.defaults());
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            StringPayload.write(HEADER, s, direct);
            byte[] payload = out.toByteArray();
            assertThat(payload).isEqualTo(direct.toByteArray());
            assertThat(serializer.decode(payload, 0, payload.length, TypePolicy.defaults()))
                    .isEqualTo(s == null ? null : new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyNullAndStringTakeThisPath() {
        assertThat(StringPayload.handles(null)).isTrue();
        assertThat(StringPayload.handles("s")).isTrue();
        assertThat(StringPayload.handles(new StringBuilder("s"))).isFalse();
        assertThat(StringPayload.handles(1)).isFalse();
        assertThat(StringPayload.handles(new String[] {"s"})).isFalse();
    }
}
