package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Writes a record as its components in declaration order and reads it back through its canonical constructor.
 *
 * <p>Primitive components are written as themselves (varints for {@code int}, {@code long} and {@code short}), a
 * {@code String} component as a Kryo string (an equal string comes back, not the same instance), and every other
 * component with its class name, so the receiving side's {@link io.github.mp4j.TypePolicy} judges it. The method
 * handles for the accessors and the constructor are looked up once per record class.
 *
 * <p>Kryo's own record serializer does the same job through general-purpose paths (boxing each primitive through a
 * registered serializer, a registration lookup per component); this one keeps the per-record work to a loop over a
 * small array, which is also far less for a freshly started JVM to interpret and compile.
 */
final class RecordComponentsSerializer extends ImmutableSerializer<Object> {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final Map<Class<?>, Kind> KINDS = Map.of(int.class, Kind.INT, long.class, Kind.LONG,
            double.class, Kind.DOUBLE, float.class, Kind.FLOAT, boolean.class, Kind.BOOLEAN, byte.class, Kind.BYTE,
            short.class, Kind.SHORT, char.class, Kind.CHAR, String.class, Kind.STRING);

    private final Class<?> type;
    private final Kind[] kinds;
    private final MethodHandle[] getters;
    /** The canonical constructor taking its arguments as one {@code Object[]}. */
    private final MethodHandle constructor;

    /** What a component is written as. */
    private enum Kind { INT, LONG, DOUBLE, FLOAT, BOOLEAN, BYTE, SHORT, CHAR, STRING, ANY }

    /**
     * @throws KryoException if the record's accessors or constructor are not accessible to this module
     */
    RecordComponentsSerializer(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int n = components.length;
        kinds = new Kind[n];
        getters = new MethodHandle[n];
        Class<?>[] parameterTypes = new Class<?>[n];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < n; i++) {
                parameterTypes[i] = components[i].getType();
                kinds[i] = KINDS.getOrDefault(parameterTypes[i], Kind.ANY);
                getters[i] = lookup.unreflect(accessible(components[i].getAccessor())).asType(GETTER);
            }
            Constructor<?> canonical = accessible(type.getDeclaredConstructor(parameterTypes));
            constructor = lookup.unreflectConstructor(canonical)
                    .asType(MethodType.genericMethodType(n))
                    .asSpreader(Object[].class, n);
        } catch (ReflectiveOperationException e) {
            throw new KryoException("record " + type.getName() + " cannot be serialized: " + e.getMessage()
                    + "; make it public or open its package to io.github.mp4j.serializer.kryo", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, Object record) {
        for (int i = 0; i < kinds.length; i++) {
            Object value;
            try {
                value = getters[i].invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new KryoException("accessor " + i + " of record " + type.getName() + " threw " + e, e);
            }
            writeComponent(kryo, output, kinds[i], value);
        }
    }

    private static void writeComponent(Kryo kryo, Output output, Kind kind, Object value) {
        switch (kind) {
            case INT -> output.writeVarInt((Integer) value, false);
            case LONG -> output.writeVarLong((Long) value, false);
            case DOUBLE -> output.writeDouble((Double) value);
            case FLOAT -> output.writeFloat((Float) value);
            case BOOLEAN -> output.writeBoolean((Boolean) value);
            case BYTE -> output.writeByte((Byte) value);
            case SHORT -> output.writeVarInt((Short) value, false);
            case CHAR -> output.writeChar((Character) value);
            case STRING -> output.writeString((String) value);
            default -> kryo.writeClassAndObject(output, value);
        }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> ignored) {
        Object[] arguments = new Object[kinds.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = readComponent(kryo, input, kinds[i]);
        }
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new KryoException("the canonical constructor of record " + type.getName() + " threw " + e, e);
        }
    }

    private static Object readComponent(Kryo kryo, Input input, Kind kind) {
        return switch (kind) {
            case INT -> input.readVarInt(false);
            case LONG -> input.readVarLong(false);
            case DOUBLE -> input.readDouble();
            case FLOAT -> input.readFloat();
            case BOOLEAN -> input.readBoolean();
            case BYTE -> input.readByte();
            case SHORT -> (short) input.readVarInt(false);
            case CHAR -> input.readChar();
            case STRING -> input.readString();
            default -> kryo.readClassAndObject(input);
        };
    }

    /** Makes a member accessible where the module system lets us; public members of exported packages need not be. */
    private static <T extends AccessibleObject> T accessible(T member) {
        try {
            member.setAccessible(true);
        } catch (RuntimeException e) {
            // Not opened to us: a public member of an exported package still works without it.
        }
        return member;
    }
}
