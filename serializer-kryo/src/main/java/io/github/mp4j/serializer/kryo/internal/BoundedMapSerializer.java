package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Map;

/** Kryo's map serializer, refusing entry counts that cannot fit in the rest of the payload. */
public final class BoundedMapSerializer extends MapSerializer<Map<Object, Object>> {
    @Override
    protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type,
                                         int size) {
        Guards.requireElements(input, size, type);
        return super.create(kryo, input, type, size);
    }
}
