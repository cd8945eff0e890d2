package io.github.mp4j.serializer.jdk.internal;

import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * An {@link ObjectOutputStream} that asks the {@link TypePolicy} about every class descriptor it writes: exactly the
 * names a receiver's {@code PolicyObjectInputStream} will judge (every class and superclass written, array classes,
 * proxy interfaces), so a value the same policy would refuse on decoding fails while encoding instead.
 */
public final class PolicyObjectOutputStream extends ObjectOutputStream {
    private final String serializer;
    private final TypePolicy policy;

    /**
     * @param out where the stream goes
     * @param serializer the serializer name used in exceptions
     * @param policy the policy every written class must pass
     */
    public PolicyObjectOutputStream(OutputStream out, String serializer, TypePolicy policy) throws IOException {
        super(out);
        this.serializer = serializer;
        this.policy = policy;
    }

    @Override
    protected void annotateClass(Class<?> cl) {
        check(cl.getName());
    }

    /** Whether ObjectOutputStream is writing the exception that aborted the stream (it then rethrows it). */
    private static boolean writingFatalException() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getMethodName()
                .equals("writeFatalException") && f.getClassName().equals(ObjectOutputStream.class.getName())));
    }

    @Override
    protected void annotateProxyClass(Class<?> cl) {
        for (Class<?> type : cl.getInterfaces()) {
            check(type.getName());
        }
        check("java.lang.reflect.Proxy");
    }

    private void check(String name) {
        // The stream's own record of a failure (a NotSerializableException and its stack trace) is not the value:
        // ObjectOutputStream rethrows that failure to the caller right after.
        if (!policy.isAllowed(name) && !writingFatalException()) {
            throw new TypeNotAllowedException(serializer, name, null);
        }
    }
}
