package io.github.mp4j.serializer.kryo;

import java.io.Serializable;

/** A serializable class with readResolve (so it travels through java.io serialization) carrying any object. */
final class Envelope implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Object content;

    Envelope(Object content) {
        this.content = content;
    }

    Object content() {
        return content;
    }

    private Object readResolve() {
        return this;
    }
}
