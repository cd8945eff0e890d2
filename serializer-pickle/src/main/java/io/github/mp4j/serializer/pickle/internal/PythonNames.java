package io.github.mp4j.serializer.pickle.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Python type name of a decoded value, for error messages (never its contents). */
final class PythonNames {
    private PythonNames() {
    }

    static String of(Object o) {
        if (o instanceof PyGlobal) {
            return "global " + ((PyGlobal) o).qualifiedName();
        }
        if (o instanceof FrozenSet) {
            return "frozenset";
        }
        if (o instanceof Tuple || o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof Set) {
            return "set";
        }
        return o == null ? "NoneType" : o.getClass().getName();
    }
}
