package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.spi.HandleRules;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a {@link PipeEnd} becomes when it is serialized to another process (the role of CPython's
 * {@code reduce_connection}): the address and key of the offering process's
 * {@link io.github.mp4j.pipe.internal.attach.AttachService}, the one-time id the end is offered under there, and the settings the end was made with. Deserializing it yields an unattached
 * {@link PipeEnd} that connects to the exporter on first use, with the receiving side's rules: the handle's policy
 * and largest frame may narrow them, never widen them, and its serializer and address must be allowed there
 * ({@link HandleRules}).
 *
 * @param serverAddress the Unix socket path of the offering process's attach service
 * @param serverKey the authkey of that service
 * @param token the id the end is offered under (one attach only)
 * @param exporter the offering process, {@code pid@host}, for error messages
 * @param readable whether the end may receive
 * @param writable whether the end may send
 * @param serializer the name of the serializer the end uses
 * @param typePolicy the type policy the end decodes with
 * @param maxFrameLength the largest frame the end accepts
 */
public record PipeEndHandle(String serverAddress, byte[] serverKey, String token, String exporter,
                            boolean readable, boolean writable, String serializer, TypePolicy typePolicy,
                            long maxFrameLength) implements Serializable {

    /**
     * Becomes an unattached end that follows the receiving side's rules ({@link HandleRules#current()}): see
     * {@link PipeEnd#fromHandle}.
     *
     * @throws io.github.mp4j.HandleRefusedException if the handle asks for more than those rules allow
     */
    private Object readResolve() throws ObjectStreamException {
        return PipeEnd.fromHandle(this, HandleRules.current());
    }

    /** This handle with the settings an end made from it actually uses (what it passes on if handed over again). */
    PipeEndHandle narrowedTo(ConnectionOptions o) {
        return new PipeEndHandle(serverAddress, serverKey, token, exporter, readable, writable, o.serializer().name(),
                o.typePolicy(), o.maxFrameLength());
    }

    /** The handle in error messages. */
    String describe() {
        return "the pipe end handed over by process " + exporter;
    }

    @Override
    public String toString() {
        return "PipeEndHandle[token=" + token + ", exporter=" + exporter + ", serializer=" + serializer + "]";
    }
}
