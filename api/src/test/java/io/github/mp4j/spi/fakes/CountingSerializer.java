package io.github.mp4j.spi.fakes;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test provider that records its creation in {@link #CREATED}; it cannot encode or decode. */
public abstract class CountingSerializer implements Serializer {
    /** The names of the providers created in this JVM, in creation order. */
    public static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private final String name;

    CountingSerializer(String name) {
        this.name = name;
        CREATED.add(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void encode(Object value, OutputStream out) {
        throw new UnsupportedOperationException("test provider " + name);
    }

    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        throw new UnsupportedOperationException("test provider " + name);
    }

    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        return false;
    }
}
