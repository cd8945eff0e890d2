package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Kryo's array and pre-sizing collection serializers with the element count checked against the rest of the
 * payload before anything is allocated.
 */
final class BoundedSerializers {
    private BoundedSerializers() {
    }

    /** {@code Object[]} and other reference arrays. */
    static final class ObjectArray extends DefaultArraySerializers.ObjectArraySerializer {
        ObjectArray(Kryo kryo, Class<?> type) {
            super(kryo, type);
        }

        @Override
        public Object[] read(Kryo kryo, Input input, Class type) {
            Guards.requireArrayFits(input, type);
            return super.read(kryo, input, type);
        }
    }

    /** {@code String[]}. */
    static final class StringArray extends DefaultArraySerializers.StringArraySerializer {
        @Override
        public String[] read(Kryo kryo, Input input, Class type) {
            Guards.requireArrayFits(input, type);
            return super.read(kryo, input, type);
        }
    }

    /** {@code boolean[]} (Kryo allocates it itself rather than through {@link Input}). */
    static final class BooleanArray extends DefaultArraySerializers.BooleanArraySerializer {
        @Override
        public boolean[] read(Kryo kryo, Input input, Class type) {
            Guards.requireArrayFits(input, type);
            return super.read(kryo, input, type);
        }
    }

    /** {@code PriorityQueue}. */
    static final class BoundedPriorityQueue extends DefaultSerializers.PriorityQueueSerializer {
        @Override
        protected PriorityQueue create(Kryo kryo, Input input, Class<? extends PriorityQueue> type, int size) {
            Guards.requireElements(input, size, type);
            return super.create(kryo, input, type, size);
        }
    }

    /**
     * Collections that Kryo reads into a temporary list and then copies into their real, unmodifiable form
     * ({@code List.of}, {@code Set.of}, {@code Arrays.asList}); references to them resolve to the real form.
     */
    static final class Rebuilt extends BoundedCollectionSerializer {
        private final Function<Object[], Collection<Object>> rebuild;

        Rebuilt(Function<Object[], Collection<Object>> rebuild, boolean elementsCanBeNull) {
            this.rebuild = rebuild;
            setElementsCanBeNull(elementsCanBeNull);
        }

        @Override
        protected Collection<Object> create(Kryo kryo, Input input, Class<? extends Collection<Object>> type,
                                            int size) {
            Guards.requireElements(input, size, type);
            return new ArrayList<>(size);
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            int id = ((TrackingReferenceResolver) kryo.getReferenceResolver()).lastReadId();
            Collection<Object> temporary = super.read(kryo, input, type);
            if (temporary == null) {
                return null;
            }
            Collection<Object> result = rebuild.apply(temporary.toArray());
            if (id >= 0 && kryo.getReferenceResolver().getReadObject(Object.class, id) == temporary) {
                kryo.getReferenceResolver().setReadObject(id, result);
            }
            return result;
        }
    }

    /** {@code Map.of(...)}: read into a temporary map, then copied; references resolve to the copy. */
    static final class ImmutableMap extends MapSerializer<Map<Object, Object>> {
        ImmutableMap() {
            setKeysCanBeNull(false);
            setValuesCanBeNull(false);
        }

        @Override
        protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type,
                                             int size) {
            Guards.requireElements(input, size, type);
            return new HashMap<>();
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int id = ((TrackingReferenceResolver) kryo.getReferenceResolver()).lastReadId();
            Map<Object, Object> temporary = super.read(kryo, input, type);
            if (temporary == null) {
                return null;
            }
            Map<Object, Object> result = Map.copyOf(temporary);
            if (id >= 0 && kryo.getReferenceResolver().getReadObject(Object.class, id) == temporary) {
                kryo.getReferenceResolver().setReadObject(id, result);
            }
            return result;
        }
    }
}
