package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.util.Collection;

/** Kryo's collection serializer, refusing element counts that cannot fit in the rest of the payload. */
public class BoundedCollectionSerializer extends CollectionSerializer<Collection<Object>> {
    @Override
    protected Collection<Object> create(Kryo kryo, Input input, Class<? extends Collection<Object>> type,
                                        int size) {
        Guards.requireElements(input, size, type);
        return super.create(kryo, input, type, size);
    }
}
