package io.github.mp4j.serializer.jdk.internal;

import java.util.Map;

/** Class-name helpers for decoding: element types of array names and the primitive classes. */
final class TypeNames {
    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);

    private TypeNames() {
    }

    /** The primitive class with this name ({@code "int"}), or null. */
    static Class<?> primitive(String name) {
        return PRIMITIVES.get(name);
    }

    /** {@code "[[Lcom.x.Foo;"} becomes {@code "com.x.Foo"}; any other name is returned unchanged. */
    static String elementName(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0 && dims < name.length() && name.charAt(dims) == 'L' && name.endsWith(";")) {
            return name.substring(dims + 1, name.length() - 1);
        }
        return name;
    }

    /** A name from a {@link NoClassDefFoundError} message ({@code "com/x/Foo"}) in binary form. */
    static String fromInternalName(String name) {
        return name == null ? "unknown" : elementName(name.replace('/', '.'));
    }
}
