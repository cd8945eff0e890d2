package io.github.mp4j.serializer.jdk.internal;

import io.github.mp4j.serializer.jdk.DecodeLimits;
import java.io.ObjectInputFilter;

/**
 * The {@link ObjectInputFilter} of one decode: enforces {@link DecodeLimits} and refuses arrays longer than the
 * payload. Remembers the first violation so the caller can say which limit was hit. One instance per decode;
 * not shared between threads.
 */
final class LimitFilter implements ObjectInputFilter {
    private final DecodeLimits limits;
    private final int payloadLength;
    private String violation;

    LimitFilter(DecodeLimits limits, int payloadLength) {
        this.limits = limits;
        this.payloadLength = payloadLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (violation != null) {
            return Status.REJECTED;
        }
        if (info.depth() > limits.maxDepth()) {
            return reject("nesting depth " + info.depth() + " exceeds maxDepth=" + limits.maxDepth()
                    + "; if the sender is trusted, raise it with DecodeLimits.withMaxDepth(...)");
        }
        if (info.references() > limits.maxReferences()) {
            return reject("reference count " + info.references() + " exceeds maxReferences="
                    + limits.maxReferences() + "; if the sender is trusted, raise it with"
                    + " DecodeLimits.withMaxReferences(...)");
        }
        if (info.streamBytes() > limits.maxStreamBytes()) {
            return reject("stream bytes " + info.streamBytes() + " exceed maxStreamBytes=" + limits.maxStreamBytes()
                    + "; if the sender is trusted, raise it with DecodeLimits.withMaxStreamBytes(...)");
        }
        long arrayLength = info.arrayLength();
        if (arrayLength > limits.maxArrayLength()) {
            return reject("array length " + arrayLength + " exceeds maxArrayLength=" + limits.maxArrayLength()
                    + "; if the sender is trusted, raise it with DecodeLimits.withMaxArrayLength(...)");
        }
        if (arrayLength > payloadLength) {
            return reject("array length " + arrayLength + " exceeds the " + payloadLength
                    + " bytes of the payload: the payload is truncated or hostile");
        }
        return Status.UNDECIDED;
    }

    /** The first limit that was exceeded, or null. */
    String violation() {
        return violation;
    }

    private Status reject(String reason) {
        violation = reason;
        return Status.REJECTED;
    }
}
