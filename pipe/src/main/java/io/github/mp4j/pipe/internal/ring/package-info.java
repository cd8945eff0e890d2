/**
 * The same-host fast path's transport: two single-producer/single-consumer byte rings (one per direction) in a
 * shared file, with the connection's Unix socket beside them as doorbell and liveness channel (DESIGN §3).
 *
 * <p><b>What travels.</b> Each ring carries exactly the byte stream the socket would carry (4-byte length +
 * payload frames), so frames of any size stream through in pieces, the existing frame parser (truncated-frame
 * detection, {@code maxFrameLength} before allocation) reads a {@link io.github.mp4j.pipe.internal.ring.RingSource}
 * as it reads a socket, and a producer killed mid-frame looks like a socket EOF mid-frame: the reader gets every
 * published byte, then end-of-stream.
 *
 * <p><b>Waiting.</b> A reader facing an empty ring (or a writer facing a full one) stays awake for a short, bounded
 * time that adapts to when its answers come ({@link io.github.mp4j.pipe.internal.ring.SpinPolicy},
 * {@link io.github.mp4j.pipe.internal.ring.AwakeWindow}), then announces parking in its park word (release + full
 * fence), re-checks the ring, and blocks on the socket until a byte or EOF. The other side publishes (release),
 * runs a full fence, and writes one doorbell byte only when the park word is set.
 *
 * <p><b>Why hand-written, not Agrona.</b> Measured on this machine (Java 17.0.15, no JVM flags): Agrona 2.2.4's
 * {@code OneToOneRingBuffer} fails at class initialisation with {@code IllegalAccessError: ... cannot access class
 * jdk.internal.misc.Unsafe} unless every JVM (and every child JVM) gets {@code --add-opens
 * java.base/jdk.internal.misc=ALL-UNNAMED}, which DESIGN forbids for a library. Agrona 1.23.1 runs without flags
 * (it uses {@code sun.misc.Unsafe}, 20M 100-byte messages in-JVM in 2.7 s) but (1) it is a record ring whose
 * largest message is capacity/8, so frames would need a fragmentation layer on top, where this transport needs a
 * byte stream; (2) it reads through {@code Unsafe}, where a peer that scribbles on the shared file must never be
 * able to crash this JVM; (3) {@code sun.misc.Unsafe} memory access is deprecated for removal (JEP 471). The ring
 * here is ~400 lines on a {@link java.nio.MappedByteBuffer} with
 * {@link java.lang.invoke.MethodHandles#byteBufferViewVarHandle} acquire/release words, after Agrona's layout
 * ({@link io.github.mp4j.pipe.internal.ring.RingDescriptor}): every shared read is bounds-checked by the buffer and
 * every counter read is validated, so garbage is a {@link io.github.mp4j.ProtocolException} on that ring only.
 */
package io.github.mp4j.pipe.internal.ring;
