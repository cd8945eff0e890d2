package io.github.mp4j.serializer.json.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a decoded value agrees with the type its envelope declares. It must be an instance of the declared type,
 * with one documented relaxation: a JDK collection or map class (such as {@code java.util.ImmutableCollections$ListN}
 * or {@code java.util.Collections$UnmodifiableMap}) may come back as another collection of the same kind ({@code
 * List}, {@code Set}, {@code Map}, or else {@code Collection}), because Jackson rebuilds such values as plain or
 * unmodifiable collections. Every class involved was already judged by the policy when its name was read.
 */
final class DeclaredTypeCheck {
    private DeclaredTypeCheck() {
    }

    /** Whether {@code value} (not null: the envelope's type is null exactly when its value is) may stand for {@code declared}. */
    static boolean matches(Class<?> declared, Object value) {
        if (value == null) {
            return false;
        }
        if (declared.isInstance(value) || boxes(declared, value)) {
            return true;
        }
        if (!declared.getName().startsWith("java.util.")) {
            return false;
        }
        for (Class<?> kind : new Class<?>[] {List.class, Set.class, Map.class, Collection.class}) {
            if (kind.isAssignableFrom(declared)) {
                return kind.isInstance(value);
            }
        }
        return false;
    }

    private static boolean boxes(Class<?> declared, Object value) {
        return declared.isPrimitive() && java.lang.invoke.MethodType.methodType(declared).wrap().returnType()
                == value.getClass();
    }
}
