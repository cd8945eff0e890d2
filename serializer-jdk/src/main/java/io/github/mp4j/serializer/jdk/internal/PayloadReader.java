package io.github.mp4j.serializer.jdk.internal;

import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.jdk.DecodeLimits;
import io.github.mp4j.spi.HashWork;
import io.github.mp4j.spi.JavaStreamWork;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Decodes one java.io serialization payload under a {@link TypePolicy} and {@link DecodeLimits}, turning every
 * failure into a {@link DecodeException} (or subclass) that carries a copy of the payload.
 */
public final class PayloadReader {
    private final String serializer;
    private final ClassLoader fallback;
    private final DecodeLimits limits;

    /**
     * @param serializer the serializer name used in exceptions
     * @param fallback the loader tried when the thread context class loader is null or lacks a class
     * @param limits the bounds enforced while decoding
     */
    public PayloadReader(String serializer, ClassLoader fallback, DecodeLimits limits) {
        this.serializer = serializer;
        this.fallback = fallback;
        this.limits = limits;
    }

    /**
     * Decodes the object in {@code payload[offset, offset + length)}, which must start with the stream magic.
     *
     * @throws DecodeException (or a subclass) for every failure, never another exception type
     */
    public Object read(byte[] payload, int offset, int length, TypePolicy policy) {
        chargeHashWork(payload, offset, length);
        ByteArrayInputStream in = new ByteArrayInputStream(payload, offset, length);
        PolicyObjectInputStream objects = null;
        Throwable failure;
        try {
            objects = new PolicyObjectInputStream(in, policy, fallback, limits, length);
            Object value = objects.readObject();
            if (objects.refusedType() != null || objects.limitViolation() != null) {
                // A class's readObject swallowed the refusal; the payload is still refused.
                throw translate(null, objects, payload, offset, length);
            }
            if (in.available() == 0) {
                return value;
            }
            throw new DecodeException(serializer, "payload of " + length + " bytes has " + in.available()
                    + " trailing byte(s) after the encoded value: the payload is corrupt",
                    copy(payload, offset, length), null);
        } catch (DecodeException e) {
            throw e;
        } catch (Exception | LinkageError | StackOverflowError e) {
            failure = e;
        }
        throw translate(failure, objects, payload, offset, length);
    }

    /**
     * Refuses, before deserializing anything, a stream whose hash-based collections would hash more than the
     * {@link HashWork} budget allows (see {@link JavaStreamWork}).
     */
    private void chargeHashWork(byte[] payload, int offset, int length) {
        String refusal;
        try {
            JavaStreamWork.charge(payload, offset, length, new HashWork(length), limits.maxDepth() + 8);
            return;
        } catch (HashWork.Exceeded | JavaStreamWork.Unfollowable e) {
            refusal = e.getMessage();
        }
        throw new DecodeException(serializer, "payload of " + length + " bytes refused by serializer " + serializer
                + ": " + refusal, copy(payload, offset, length), null);
    }

    private DecodeException translate(Throwable failure, PolicyObjectInputStream objects, byte[] payload,
                                      int offset, int length) {
        byte[] copy = copy(payload, offset, length);
        if (objects != null && objects.refusedType() != null) {
            return new TypeNotAllowedException(serializer, objects.refusedType(), copy);
        }
        if (objects != null && objects.limitViolation() != null) {
            return new DecodeException(serializer, "payload of " + length + " bytes refused by serializer "
                    + serializer + ": " + objects.limitViolation(), copy, failure);
        }
        if (failure instanceof ClassNotFoundException) {
            String type = objects != null && objects.missingType() != null ? objects.missingType()
                    : TypeNames.elementName(failure.getMessage());
            return new MissingTypeException(serializer, type, copy, failure);
        }
        if (failure instanceof NoClassDefFoundError) {
            return new MissingTypeException(serializer, TypeNames.fromInternalName(failure.getMessage()), copy, failure);
        }
        if (failure instanceof StackOverflowError) {
            return new DecodeException(serializer, "payload of " + length + " bytes nests too deeply for this"
                    + " thread's stack; lower DecodeLimits.maxDepth or decode on a thread with a larger stack",
                    copy, failure);
        }
        return new DecodeException(serializer, "payload of " + length + " bytes could not be decoded by"
                + " serializer " + serializer + ": " + failure + "; it is corrupt or truncated, or the sender's"
                + " version of a class differs from this process's", copy, failure);
    }

    private static byte[] copy(byte[] payload, int offset, int length) {
        return Arrays.copyOfRange(payload, offset, offset + length);
    }
}
