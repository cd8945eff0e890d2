package io.github.mp4j.serializer.json.internal;

import io.github.mp4j.TypePolicy;

/**
 * The one place where the json serializer turns a type name from a payload into a class: the {@link TypePolicy}
 * judges the name first, then the class is loaded <em>without</em> running its static initialiser.
 */
final class TypeGate {
    private final TypePolicy policy;

    TypeGate(TypePolicy policy) {
        this.policy = policy;
    }

    /**
     * Throws {@link TypeResolutionFailure} of kind {@code REFUSED} unless the policy allows {@code name}.
     * Never loads anything.
     */
    void check(String name) {
        if (!policy.isAllowed(name)) {
            throw new TypeResolutionFailure(TypeResolutionFailure.Kind.REFUSED, name, null);
        }
    }

    /**
     * Checks {@code name} against the policy, then loads it uninitialised from {@code preferred} (if not null),
     * the thread's context class loader, or this module's loader, in that order.
     *
     * @throws TypeResolutionFailure REFUSED if the policy refuses the name, MISSING if no loader knows it
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
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                detail = e.toString();
            }
        }
        throw new TypeResolutionFailure(TypeResolutionFailure.Kind.MISSING, name, detail);
    }
}
