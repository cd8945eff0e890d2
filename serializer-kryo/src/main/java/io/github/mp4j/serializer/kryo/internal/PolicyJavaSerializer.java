package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.github.mp4j.DecodeException;
import io.github.mp4j.spi.JavaStreamWork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Proxy;

/**
 * Writes an object with java.io serialization, so that its {@code writeReplace}/{@code readResolve} run (mp4j's
 * Connection and queue handles rely on them). The object is written as a length-prefixed block; on reading,
 * every class the block names goes through the same {@link io.github.mp4j.TypePolicy} check as Kryo's own class
 * names, array lengths are bounded by the block's size, and the block's hashing work is charged to the decode's
 * {@link io.github.mp4j.spi.HashWork} budget before it is deserialized ({@link JavaStreamWork}).
 */
public final class PolicyJavaSerializer extends Serializer<Object> {
    private static final int MAX_DEPTH = 1000;

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        PolicyClassResolver resolver = (PolicyClassResolver) kryo.getClassResolver();
        try (ObjectOutputStream out = new CheckedObjectOutputStream(bytes, resolver)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new KryoException("java serialization of " + object.getClass().getName() + " failed: " + e, e);
        }
        output.writeVarInt(bytes.size(), true);
        output.writeBytes(bytes.toByteArray());
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        int length = input.readVarInt(true);
        if (length < 0 || length > input.limit() - input.position()) {
            throw new KryoException("corrupt payload: java-serialized block of " + length + " bytes but only "
                    + (input.limit() - input.position()) + " bytes remain");
        }
        int start = input.position();
        WeightTracker weights = ((PolicyKryo) kryo).weights();
        long weight = JavaStreamWork.charge(input.getBuffer(), start, length, weights.work(), MAX_DEPTH);
        if (weight > 0) {
            weights.addToCurrent(weight);
        }
        PolicyClassResolver resolver = (PolicyClassResolver) kryo.getClassResolver();
        try (ObjectInputStream in = new PolicyObjectInputStream(
                new ByteArrayInputStream(input.getBuffer(), start, length), resolver, length)) {
            return in.readObject();
        } catch (TypeResolutionFailure | DecodeException e) {
            // A refused type, or a handle whose readResolve refused to attach: the api's error, not a corrupt block.
            throw e;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new KryoException("java-serialized " + type.getName() + " could not be read: " + e, e);
        } finally {
            input.setPosition(start + length);
        }
    }

    /** Asks the encode call's policy about every class descriptor written, as the reading side will. */
    private static final class CheckedObjectOutputStream extends ObjectOutputStream {
        private final PolicyClassResolver resolver;

        CheckedObjectOutputStream(ByteArrayOutputStream out, PolicyClassResolver resolver) throws IOException {
            super(out);
            this.resolver = resolver;
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            check(cl.getName());
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) {
            for (Class<?> type : cl.getInterfaces()) {
                check(type.getName());
            }
        }

        /** Checks a class written for the value; not those of the stream's record of its own failure. */
        private void check(String name) {
            try {
                resolver.checkWrite(name);
            } catch (io.github.mp4j.TypeNotAllowedException e) {
                boolean fatalRecord = StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f
                        .getMethodName().equals("writeFatalException")
                        && f.getClassName().equals(ObjectOutputStream.class.getName())));
                if (!fatalRecord) {
                    throw e;
                }
            }
        }
    }

    /** Resolves classes through the policy-aware resolver and bounds arrays and depth. */
    private static final class PolicyObjectInputStream extends ObjectInputStream {
        private final PolicyClassResolver resolver;

        PolicyObjectInputStream(InputStream in, PolicyClassResolver resolver, int blockLength) throws IOException {
            super(in);
            this.resolver = resolver;
            setObjectInputFilter(info -> info.arrayLength() > blockLength || info.depth() > MAX_DEPTH
                    ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) {
            return resolver.resolve(desc.getName());
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) {
            Class<?>[] types = new Class<?>[interfaces.length];
            for (int i = 0; i < interfaces.length; i++) {
                types[i] = resolver.resolve(interfaces[i]);
            }
            @SuppressWarnings("deprecation")
            Class<?> proxy = Proxy.getProxyClass(types[0].getClassLoader(), types);
            return proxy;
        }
    }
}
