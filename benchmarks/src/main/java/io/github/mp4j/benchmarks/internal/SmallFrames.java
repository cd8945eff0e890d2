package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.IntFunction;

/**
 * The small-frame raw baselines' payload: {@code n} items already encoded, each as mp4j frames it (4-byte
 * big-endian length, then the payload), back to back in one array; and how they are written to a socket.
 *
 * @param bytes the frames, back to back
 * @param ends {@code ends[i]} is the offset just past frame {@code i}
 */
record SmallFrames(byte[] bytes, int[] ends) {

    /** Encodes items {@code 0..n-1} of {@code item} with {@code serializer} and frames each. */
    static SmallFrames of(Serializer serializer, IntFunction<Object> item, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 128);
        DataOutputStream header = new DataOutputStream(out);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256);
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            payload.reset();
            serializer.encode(item.apply(i), payload);
            header.writeInt(payload.size());
            payload.writeTo(out);
            ends[i] = out.size();
        }
        return new SmallFrames(out.toByteArray(), ends);
    }

    /** The number of frames. */
    int count() {
        return ends.length;
    }

    /**
     * Writes every frame to {@code ch}, as many whole frames per {@code write} as fit in {@code maxWrite} bytes
     * and at least one: {@code maxWrite = 0} is one write per frame, as a sender that writes each message before
     * its send returns.
     */
    void writeTo(SocketChannel ch, int maxWrite) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            boolean last = i + 1 == ends.length;
            if (last || ends[i + 1] - start > maxWrite) {
                buf.limit(ends[i]).position(start);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                start = ends[i];
            }
        }
    }
}
