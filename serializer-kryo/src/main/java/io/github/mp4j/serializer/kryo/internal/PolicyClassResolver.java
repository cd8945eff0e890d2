package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.IntMap;
import com.esotericsoftware.kryo.util.ObjectMap;
import io.github.mp4j.TypePolicy;

/**
 * Kryo's name-based class resolver with the {@link TypePolicy} check in front of every class load.
 *
 * <p>Types are written by class name (never by registration id, which would have to match across processes).
 * When a payload names a type, the policy of the current decode call is asked first, by name; a refused name is
 * never loaded. Allowed names are loaded with {@code initialize=false} from the thread context class loader,
 * falling back to this library's loader. Loaded classes are remembered per loader; names the current policy
 * instance already allowed skip the check ({@link TypePolicy} is immutable), so it costs one map lookup.
 * One resolver belongs to one Kryo instance and is used by one thread at a time (the instances are pooled).
 */
public final class PolicyClassResolver extends DefaultClassResolver {
    private static final ClassLoader OWN_LOADER = PolicyClassResolver.class.getClassLoader();

    private TypePolicy policy = TypePolicy.defaults();
    private TypeFailure failure;
    /** Classes loaded by {@link #cacheLoader}, by name. */
    private final ObjectMap<String, Class<?>> loaded = new ObjectMap<>();
    /** The subset of {@link #loaded} that {@link #allowedPolicy} allowed (policies are immutable). */
    private final ObjectMap<String, Class<?>> allowed = new ObjectMap<>();
    private ClassLoader cacheLoader;
    private TypePolicy allowedPolicy;

    /** Sets the policy for the decode call that follows and forgets the previous call's failure. */
    public void begin(TypePolicy policy) {
        this.policy = policy;
        this.failure = null;
    }

    /** The first type failure of the current decode call, or null. */
    public TypeFailure failure() {
        return failure;
    }

    @Override
    protected Registration readName(Input input) {
        int nameId = input.readVarInt(true);
        if (nameIdToClass == null) {
            nameIdToClass = new IntMap<>();
        }
        Class<?> type = nameIdToClass.get(nameId);
        if (type == null) {
            type = resolve(input.readString());
            nameIdToClass.put(nameId, type);
        }
        return kryo.getRegistration(type);
    }

    /**
     * The class with this binary name, after the policy allowed it.
     *
     * @throws TypeFailure if the policy refuses the name or no loader has the class
     */
    public Class<?> resolve(String className) {
        if (className == null) {
            throw new com.esotericsoftware.kryo.KryoException("payload names a class with a null name");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = OWN_LOADER;
        }
        if (loader != cacheLoader) {
            loaded.clear();
            allowed.clear();
            cacheLoader = loader;
        }
        if (policy != allowedPolicy) {
            allowed.clear();
            allowedPolicy = policy;
        }
        Class<?> type = allowed.get(className);
        if (type != null) {
            return type;
        }
        if (!policy.isAllowed(className)) {
            throw fail(TypeFailure.Kind.REFUSED, className, null);
        }
        type = loaded.get(className);
        if (type == null) {
            type = load(className, loader);
            loaded.put(className, type);
        }
        allowed.put(className, type);
        return type;
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
            throw fail(TypeFailure.Kind.MISSING, className, first);
        }
    }

    /** Records a failure (the first of the call wins) and returns it for throwing. */
    public TypeFailure fail(TypeFailure.Kind kind, String className, Throwable cause) {
        TypeFailure f = new TypeFailure(kind, className, cause);
        if (failure == null) {
            failure = f;
        }
        return f;
    }
}
