package io.github.mp4j.serializer.json.internal;

import io.github.mp4j.TypePolicy;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where the json serializer turns a type name from a payload into a class: the {@link TypePolicy}
 * judges the name first, then the class is loaded <em>without</em> running its static initialiser.
 */
final class TypeGate {
    /**
     * The last failure on this thread: Jackson turns some exceptions from class lookup into a message-only
     * {@code InvalidTypeIdException}, losing the name, so the failure is also remembered here.
     */
    private static final ThreadLocal<TypeResolutionFailure> LAST_FAILURE = new ThreadLocal<>();

    private final TypePolicy policy;
    /** Classes this gate's policy allowed and that loaded, for the envelope's type; bounded by the loaded classes. */
    private final ConcurrentHashMap<String, Class<?>> loaded = new ConcurrentHashMap<>();

    TypeGate(TypePolicy policy) {
        this.policy = policy;
    }

    /**
     * Like {@link #load(String, ClassLoader)} with no preferred loader, remembering the class: the envelope names
     * the same few types over and over, and {@code Class.forName} costs about a microsecond.
     */
    Class<?> loadCached(String name) {
        Class<?> type = loaded.get(name);
        if (type == null) {
            type = load(name, null);
            loaded.putIfAbsent(name, type);
        }
        return type;
    }

    /**
     * Throws {@link TypeResolutionFailure} of kind {@code REFUSED} unless the policy allows {@code name}.
     * Never loads anything.
     */
    void check(String name) {
        if (!policy.isAllowed(name)) {
            throw remember(new TypeResolutionFailure(TypeResolutionFailure.Kind.REFUSED, name, null));
        }
    }

    /**
     * Checks {@code name} against the policy, then loads it uninitialised from {@code preferred} (if not null),
     * the thread's context class loader, or this module's loader, in that order.
     *
     * @throws TypeResolutionFailure REFUSED if the policy refuses the name, MISSING if no loader knows it or a
     *         class its fields need is absent (the failure then names that class)
     */
    Class<?> load(String name, ClassLoader preferred) {
        check(name);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = TypeGate.class.getClassLoader();
        String detail = "no class loader knows it";
        for (ClassLoader loader : new ClassLoader[] {preferred, context, own}) {
            if (loader == null) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                detail = e.toString();
                continue;
            }
            String dependency = DeclaredTypes.missingIn(type);
            if (dependency != null) {
                throw remember(new TypeResolutionFailure(TypeResolutionFailure.Kind.MISSING, dependency,
                        "needed by the fields of " + name));
            }
            return type;
        }
        throw remember(new TypeResolutionFailure(TypeResolutionFailure.Kind.MISSING, name, detail));
    }

    /** Forgets this thread's remembered failure; called before each decode. */
    static void forgetLastFailure() {
        if (LAST_FAILURE.get() != null) {
            LAST_FAILURE.remove();
        }
    }

    /** This thread's failure since {@link #forgetLastFailure()}, or null; forgets it. */
    static TypeResolutionFailure takeLastFailure() {
        TypeResolutionFailure f = LAST_FAILURE.get();
        LAST_FAILURE.remove();
        return f;
    }

    private static TypeResolutionFailure remember(TypeResolutionFailure f) {
        LAST_FAILURE.set(f);
        return f;
    }
}
