package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.TypePolicy;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a {@link PipeEnd} becomes when it is serialized to another process (the role of CPython's
 * {@code reduce_connection}): the address and key of the exporting process's {@link HandoffServer}, a one-time
 * token naming the end there, and the settings the end was made with. Deserializing it yields an unattached
 * {@link PipeEnd} that connects to the exporter on first use.
 *
 * @param serverAddress the Unix socket path of the exporter's hand-off server
 * @param serverKey the authkey of that server
 * @param token the one-time token naming the exported end
 * @param exporter the exporting process, {@code pid@host}, for error messages
 * @param readable whether the end may receive
 * @param writable whether the end may send
 * @param serializer the name of the serializer the end uses
 * @param typePolicy the type policy the end decodes with
 * @param maxFrameLength the largest frame the end accepts
 */
public record PipeEndHandle(String serverAddress, byte[] serverKey, String token, String exporter,
                            boolean readable, boolean writable, String serializer, TypePolicy typePolicy,
                            long maxFrameLength) implements Serializable {

    private Object readResolve() throws ObjectStreamException {
        return PipeEnd.fromHandle(this);
    }

    @Override
    public String toString() {
        return "PipeEndHandle[token=" + token + ", exporter=" + exporter + ", serializer=" + serializer + "]";
    }
}
