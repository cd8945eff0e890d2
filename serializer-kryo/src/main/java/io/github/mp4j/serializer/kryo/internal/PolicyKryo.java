package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * A Kryo instance configured for mp4j: class names instead of registration ids (through
 * {@link PolicyClassResolver}), references on, instantiation without a no-arg constructor, and Kryo's default
 * serializers swapped for length-checked ones, records written component by component
 * ({@link RecordComponentsSerializer}). Classes that declare {@code writeReplace} or {@code readResolve},
 * and serializable JDK classes Kryo has no dedicated serializer for, are written with java.io serialization
 * ({@link PolicyJavaSerializer}) so that their own serialization logic runs.
 */
public final class PolicyKryo extends Kryo {
    private final PolicyClassResolver resolver;
    private final WeightTracker weights = new WeightTracker();

    /** A new configured instance with its own resolver. */
    public PolicyKryo() {
        this(new PolicyClassResolver());
    }

    private PolicyKryo(PolicyClassResolver resolver) {
        super(resolver, new TrackingReferenceResolver());
        this.resolver = resolver;
        setRegistrationRequired(false);
        setWarnUnregisteredClasses(false);
        setReferences(true);
        setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    }

    /** Starts a decode of a payload of {@code payloadLength} bytes: a fresh {@link io.github.mp4j.spi.HashWork}. */
    public void beginDecode(int payloadLength) {
        weights.begin(payloadLength);
    }

    /** Ends a decode: forgets the decoded objects' weights. */
    public void endDecode() {
        weights.end();
    }

    /** The weights and hashing-work budget of the current decode. */
    WeightTracker weights() {
        return weights;
    }

    // Every nested read goes through one of these five methods (Kryo's serializers call them, and they do not call
    // each other), so each object read gets its own weight frame.

    @Override
    public Registration readClass(Input input) {
        Registration registration = super.readClass(input);
        if (registration != null) {
            weights.typeOfCurrent(registration.getType());
        }
        return registration;
    }

    @Override
    public Object readClassAndObject(Input input) {
        weights.enter();
        Object object = super.readClassAndObject(input);
        weights.exit(object);
        return object;
    }

    /** Starts reading a value of a declared {@code type}: weighs it from here, and judges the type by the policy. */
    private void enterDeclared(Class<?> type) {
        weights.enter();
        weights.typeOfCurrent(type);
        resolver.checkDeclared(type, false);
    }

    /** Ends the value {@link #enterDeclared} started, giving it its weight. */
    private <T> T exited(T object) {
        weights.exit(object);
        return object;
    }

    @Override
    public <T> T readObject(Input input, Class<T> type) {
        enterDeclared(type);
        return exited(super.readObject(input, type));
    }

    @Override
    public <T> T readObject(Input input, Class<T> type, Serializer serializer) {
        enterDeclared(type);
        return exited(super.readObject(input, type, serializer));
    }

    @Override
    public <T> T readObjectOrNull(Input input, Class<T> type) {
        enterDeclared(type);
        return exited(super.readObjectOrNull(input, type));
    }

    @Override
    public <T> T readObjectOrNull(Input input, Class<T> type, Serializer serializer) {
        enterDeclared(type);
        return exited(super.readObjectOrNull(input, type, serializer));
    }

    // Kryo writes and reads a value by its declared type, naming no class, when that type is final (a field of a
    // final class): the policy must judge it here as it judges named classes.

    @Override
    public void writeObject(com.esotericsoftware.kryo.io.Output output, Object object) {
        declaredWrite(object);
        super.writeObject(output, object);
    }

    @Override
    public void writeObject(com.esotericsoftware.kryo.io.Output output, Object object, Serializer serializer) {
        declaredWrite(object);
        super.writeObject(output, object, serializer);
    }

    @Override
    public void writeObjectOrNull(com.esotericsoftware.kryo.io.Output output, Object object, Class type) {
        declaredWrite(object);
        super.writeObjectOrNull(output, object, type);
    }

    @Override
    public void writeObjectOrNull(com.esotericsoftware.kryo.io.Output output, Object object, Serializer serializer) {
        declaredWrite(object);
        super.writeObjectOrNull(output, object, serializer);
    }

    private void declaredWrite(Object object) {
        if (object != null) {
            resolver.checkDeclared(object.getClass(), true);
        }
    }

    /** Kryo's registration of a newly created object for back-references: it may be referenced before it is read. */
    @Override
    public void reference(Object object) {
        super.reference(object);
        weights.created(object);
    }

    /** The policy-aware class resolver of this instance. */
    public PolicyClassResolver resolver() {
        return resolver;
    }

    /**
     * Kryo's choice of serializer for {@code type}, with generic collection and map serializers replaced by
     * length-checked ones (or by java.io serialization for JDK wrappers Kryo cannot rebuild) and array and
     * pre-sizing serializers replaced by length-checked ones.
     *
     * @throws KryoException for a lambda or other hidden class, which cannot be named across processes
     */
    @Override
    public Serializer getDefaultSerializer(Class type) {
        if (type.isHidden()) {
            throw new KryoException(type.getName() + " is a lambda or other hidden class, which no other process"
                    + " can load by name; send an instance of a named class instead");
        }
        Serializer<?> chosen = super.getDefaultSerializer(type);
        Class<?> kind = chosen.getClass();
        if (kind == CollectionSerializer.class) {
            return needsJava(type, !hasPublicNoArgConstructor(type))
                    ? new PolicyJavaSerializer() : new BoundedCollectionSerializer();
        }
        if (kind == MapSerializer.class) {
            return needsJava(type, !hasPublicNoArgConstructor(type))
                    ? new PolicyJavaSerializer() : new BoundedMapSerializer();
        }
        return bounded(type, chosen);
    }

    /**
     * Called when no default serializer matched: java.io serialization for the types that need it (decided
     * before Kryo's field serializer reflects on the class, which fails for JDK classes on Java 17), otherwise
     * Kryo's field serializer.
     */
    @Override
    protected Serializer newDefaultSerializer(Class type) {
        return needsJava(type, true) ? new PolicyJavaSerializer() : super.newDefaultSerializer(type);
    }

    /**
     * Kryo's serializers that allocate by a length read from the payload, replaced by checked ones, and its record
     * serializer replaced by {@link RecordComponentsSerializer} (or java serialization for a record that declares
     * {@code readResolve}/{@code writeReplace}).
     */
    private Serializer<?> bounded(Class<?> type, Serializer<?> chosen) {
        if (chosen.getClass() == RecordSerializer.class) {
            // A record with readResolve (mp4j's pipe-end and queue handles) must be read through it, so that a
            // payload naming the record itself is judged as the handle it is rather than built as inert data.
            return needsJava(type, false) ? new PolicyJavaSerializer() : new RecordComponentsSerializer(type);
        }
        if (chosen instanceof ImmutableCollectionsSerializers.JdkImmutableListSerializer) {
            return new BoundedSerializers.Rebuilt(elements -> List.of(elements), false);
        }
        if (chosen instanceof ImmutableCollectionsSerializers.JdkImmutableSetSerializer) {
            return new BoundedSerializers.Rebuilt(elements -> Set.of(elements), false);
        }
        if (chosen instanceof ImmutableCollectionsSerializers.JdkImmutableMapSerializer) {
            return new BoundedSerializers.ImmutableMap();
        }
        if (chosen instanceof DefaultSerializers.ArraysAsListSerializer) {
            return new BoundedSerializers.Rebuilt(elements -> Arrays.asList(elements), true);
        }
        if (chosen.getClass() == DefaultSerializers.PriorityQueueSerializer.class) {
            return new BoundedSerializers.BoundedPriorityQueue();
        }
        if (chosen.getClass() == DefaultArraySerializers.ObjectArraySerializer.class) {
            return new BoundedSerializers.ObjectArray(this, type);
        }
        if (chosen.getClass() == DefaultArraySerializers.StringArraySerializer.class) {
            return new BoundedSerializers.StringArray();
        }
        if (chosen.getClass() == DefaultArraySerializers.BooleanArraySerializer.class) {
            return new BoundedSerializers.BooleanArray();
        }
        return chosen;
    }

    /**
     * Whether a serializable type must go through java.io serialization: it declares writeReplace/readResolve,
     * or it is a JDK class that Kryo's generic serializer cannot rebuild ({@code jdkFallback}).
     */
    private static boolean needsJava(Class<?> type, boolean jdkFallback) {
        if (!Serializable.class.isAssignableFrom(type) || type.isEnum()) {
            return false;
        }
        String name = type.getName();
        boolean jdk = name.startsWith("java.") || name.startsWith("javax.");
        return declaresReplaceOrResolve(type) || (jdk && jdkFallback);
    }

    private static boolean declaresReplaceOrResolve(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && (m.getName().equals("writeReplace") || m.getName().equals("readResolve"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getModifiers()) && type.getConstructor() != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
