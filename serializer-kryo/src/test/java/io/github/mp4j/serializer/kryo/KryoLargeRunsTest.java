package io.github.mp4j.serializer.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TypePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Byte runs larger than Kryo's buffer go to the stream in one write, not through the buffer piece by piece. */
class KryoLargeRunsTest {
    private final KryoSerializer kryo = new KryoSerializer();

    /** A stream that records the length of every write it gets. */
    private static final class CountingStream extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
        }
    }

    @Test
    void aLargeByteArrayReachesTheStreamInOneWriteAndDecodesEqual() throws IOException {
        byte[] big = new byte[1 << 20];
        new Random(3).nextBytes(big);
        CountingStream out = new CountingStream();
        kryo.encode(big, out, TypePolicy.allowAll());
        assertThat(out.writes).contains(big.length);
        assertThat(out.writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(out.size());
        byte[] payload = out.toByteArray();
        assertThat((byte[]) kryo.decode(payload, 0, payload.length, TypePolicy.allowAll())).isEqualTo(big);
    }

    @Test
    void aLongStringBetweenSmallFieldsKeepsItsPlaceInThePayload() throws IOException {
        String longText = "x".repeat(100_000) + "\u00e9";
        List<Object> value = new ArrayList<>(List.of(1, longText, "tail", new byte[20_000], 7L));
        CountingStream out = new CountingStream();
        kryo.encode(value, out, TypePolicy.allowAll());
        byte[] payload = out.toByteArray();
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) kryo.decode(payload, 0, payload.length, TypePolicy.allowAll());
        assertThat(back).hasSize(5);
        assertThat(back.get(1)).isEqualTo(longText);
        assertThat(back.get(2)).isEqualTo("tail");
        assertThat((byte[]) back.get(3)).hasSize(20_000);
        assertThat(back.get(4)).isEqualTo(7L);
    }

    @Test
    void aStreamFailingOnTheLargeWriteFailsTheEncodeWithItsIoException() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len >= 1 << 20) {
                    throw new IOException("disk full at " + len + " bytes");
                }
            }
        };
        assertThatThrownBy(() -> kryo.encode(new byte[1 << 20], failing, TypePolicy.allowAll()))
                .isInstanceOf(IOException.class).hasMessage("disk full at 1048576 bytes");
    }
}
