package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.ObjectMap;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;

/**
 * Kryo's name-based class resolver with the {@link TypePolicy} check in front of every class load.
 *
 * <p>Types are written by class name (never by registration id, which would have to match across processes), each
 * name once per payload and by its index after that.
 * When a payload names a type, the policy of the current decode call is asked first, by name; a refused name is
 * never loaded. Allowed names are loaded with {@code initialize=false} from the thread context class loader,
 * falling back to this library's loader. Loaded classes are remembered per loader; names the current policy
 * instance already allowed skip the check ({@link TypePolicy} is immutable), so it costs one map lookup.
 * When a payload is written, each class name is checked the first time it is written against the policy of the encode
 * call ({@link #beginWrite}), the same names a receiver with that policy judges.
 * One resolver belongs to one Kryo instance and is used by one thread at a time (the instances are pooled).
 */
public final class PolicyClassResolver extends DefaultClassResolver {
    private static final ClassLoader OWN_LOADER = PolicyClassResolver.class.getClassLoader();

    private static final String KRYO = "kryo";

    private TypePolicy policy = TypePolicy.defaults();
    private TypePolicy writePolicy = TypePolicy.allowAll();
    private TypeResolutionFailure failure;
    /** Classes loaded by {@link #cacheLoader}, by name. */
    private final ObjectMap<String, Class<?>> loaded = new ObjectMap<>();
    /** The subset of {@link #loaded} that {@link #allowedPolicy} allowed (policies are immutable). */
    private final ObjectMap<String, Class<?>> allowed = new ObjectMap<>();
    private ClassLoader cacheLoader;
    private TypePolicy allowedPolicy;
    /** Names of {@link #allowed} as the payload's bytes, for the same policy and loader. */
    private final AllowedNameBytes allowedBytes = new AllowedNameBytes();
    /** The classes named so far in the payload being written, by index. */
    private final ClassTable writtenNames = new ClassTable();
    /** The classes named so far in the payload being read, by index. */
    private final ClassTable readNames = new ClassTable();

    /**
     * Sets the policy that every class written by the encode call that follows must pass; {@link
     * TypePolicy#allowAll()} checks nothing.
     */
    public void beginWrite(TypePolicy policy) {
        this.writePolicy = policy;
    }

    /** The policy of the current encode call. */
    public TypePolicy writePolicy() {
        return writePolicy;
    }

    /**
     * Throws {@link TypeNotAllowedException} (with an empty payload) unless the current encode call's policy allows
     * {@code className}.
     */
    public void checkWrite(String className) {
        if (writePolicy != TypePolicy.allowAll() && !writePolicy.isAllowed(className)) {
            throw new TypeNotAllowedException(KRYO, className, null);
        }
    }

    /**
     * Checks a type that the payload does not name but that Kryo reads or writes by its declared type (a field whose
     * declared type is a final class): the policy of the current decode ({@code write} false) or encode call must
     * allow it too, or a refused class would be built (and initialised) without ever being judged.
     *
     * @throws TypeResolutionFailure if the decode policy refuses it
     * @throws io.github.mp4j.TypeNotAllowedException if the encode policy refuses it
     */
    public void checkDeclared(Class<?> type, boolean write) {
        TypePolicy current = write ? writePolicy : policy;
        if (current == TypePolicy.allowAll() || type.isPrimitive()) {
            return;
        }
        java.util.Set<Class<?>> ok = write ? declaredWriteOk : declaredReadOk;
        if (current != (write ? declaredWritePolicy : declaredReadPolicy)) {
            ok.clear();
            if (write) {
                declaredWritePolicy = current;
            } else {
                declaredReadPolicy = current;
            }
        }
        if (ok.contains(type)) {
            return;
        }
        if (write) {
            checkWrite(type.getName());
        } else if (!current.isAllowed(type.getName())) {
            throw fail(TypeResolutionFailure.Kind.REFUSED, type.getName(), null);
        }
        ok.add(type);
    }

    private final java.util.Set<Class<?>> declaredReadOk =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final java.util.Set<Class<?>> declaredWriteOk =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private TypePolicy declaredReadPolicy;
    private TypePolicy declaredWritePolicy;

    /** Sets the policy for the decode call that follows and forgets the previous call's failure. */
    public void begin(TypePolicy policy) {
        this.policy = policy;
        this.failure = null;
    }

    /** The first type failure of the current decode call, or null. */
    public TypeResolutionFailure failure() {
        return failure;
    }

    /**
     * Writes the class by name the first time it occurs in the payload and by its index among the names written so
     * far after that: {@code 1} (Kryo's "by name" marker), the index, and, the first time, the name.
     */
    @Override
    protected void writeName(Output output, Class type, Registration registration) {
        output.writeVarInt(NAME + 2, true);
        int index = writtenNames.indexOf(type);
        if (index >= 0) {
            output.writeVarInt(index, true);
            return;
        }
        checkWrite(type.getName());
        output.writeVarInt(writtenNames.add(type), true);
        output.writeString(type.getName());
    }

    /**
     * Reads what {@link #writeName} wrote: a known index, or the next index followed by a name, which the policy
     * judges before the class is loaded.
     */
    @Override
    protected Registration readName(Input input) {
        int index = input.readVarInt(true);
        Class<?> type = readNames.get(index);
        if (type == null) {
            if (index != readNames.size()) {
                throw new com.esotericsoftware.kryo.KryoException("corrupt payload: class name index " + index
                        + " but only " + readNames.size() + " names were read so far");
            }
            type = input instanceof BoundedInput bounded ? resolve(bounded) : resolve(input.readString());
            readNames.add(type);
        }
        return kryo.getRegistration(type);
    }

    /** Forgets the class names of the last payload (called by Kryo after every top-level read and write). */
    @Override
    public void reset() {
        writtenNames.clear();
        readNames.clear();
    }

    /**
     * The class with this binary name, after the policy allowed it.
     *
     * @throws TypeResolutionFailure if the policy refuses the name or no loader has the class
     */
    public Class<?> resolve(String className) {
        if (className == null) {
            throw new com.esotericsoftware.kryo.KryoException("payload names a class with a null name");
        }
        ClassLoader loader = currentLoader();
        Class<?> type = allowed.get(className);
        if (type != null) {
            return type;
        }
        if (!policy.isAllowed(className)) {
            throw fail(TypeResolutionFailure.Kind.REFUSED, className, null);
        }
        type = loaded.get(className);
        if (type == null) {
            type = load(className, loader);
            loaded.put(className, type);
        }
        allowed.put(className, type);
        return type;
    }

    /**
     * Reads a class name from the payload and resolves it as {@link #resolve(String)} does; a name the current
     * policy allowed before is recognised in the payload's bytes.
     */
    private Class<?> resolve(BoundedInput input) {
        int length = input.readStringLength();
        if (length < 0) {
            throw new com.esotericsoftware.kryo.KryoException("payload names a class with a null name");
        }
        currentLoader(); // empties the caches if the loader or policy changed since the last name
        byte[] buffer = input.getBuffer();
        int from = input.position();
        Class<?> type = allowedBytes.find(buffer, from, length);
        if (type == null) {
            type = resolve(new String(buffer, from, length, java.nio.charset.StandardCharsets.UTF_8));
            allowedBytes.add(buffer, from, length, type);
        }
        input.setPosition(from + length);
        return type;
    }

    /** The loader names resolve with; empties the caches that belong to another loader or policy. */
    private ClassLoader currentLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = OWN_LOADER;
        }
        if (loader != cacheLoader) {
            loaded.clear();
            allowed.clear();
            allowedBytes.clear();
            cacheLoader = loader;
        }
        if (policy != allowedPolicy) {
            allowed.clear();
            allowedBytes.clear();
            allowedPolicy = policy;
        }
        return loader;
    }

    private Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError first) {
            if (loader != OWN_LOADER) {
                try {
                    return Class.forName(className, false, OWN_LOADER);
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // Report the failure from the preferred loader.
                }
            }
            throw fail(TypeResolutionFailure.Kind.MISSING, className, first);
        }
    }

    /** Records a failure (the first of the call wins) and returns it for throwing. */
    public TypeResolutionFailure fail(TypeResolutionFailure.Kind kind, String className, Throwable cause) {
        TypeResolutionFailure f = new TypeResolutionFailure(kind, className, cause);
        if (failure == null) {
            failure = f;
        }
        return f;
    }
}
