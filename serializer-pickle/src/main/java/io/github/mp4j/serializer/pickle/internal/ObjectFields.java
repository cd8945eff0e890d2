package io.github.mp4j.serializer.pickle.internal;

import io.github.mp4j.SerializationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dict a Java record or bean is sent as: a record's components in declaration order; a bean's properties
 * (public {@code getX()}/{@code isX()} methods without parameters, {@code getClass} excluded) in name order.
 * No class name travels, so the Python peer receives plain data. JDK types that are neither (a {@code Thread}, a
 * {@code StringBuilder}), mp4j's own types (Connections, queues) and classes without properties are refused.
 */
final class ObjectFields {
    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private ObjectFields() {
    }

    static Map<String, Object> of(Object value) {
        Class<?> type = value.getClass();
        String name = type.getName();
        if (name.startsWith("io.github.mp4j.")) {
            throw new SerializationException(PickleCodec.NAME, "serializer pickle cannot carry " + name
                    + " (an mp4j Connection, queue or other mp4j object): a Python peer cannot attach to it", null);
        }
        if (type.isRecord()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                fields.put(c.getName(), invoke(c.getAccessor(), value));
            }
            return fields;
        }
        if (PLATFORM_PACKAGES.stream().noneMatch(name::startsWith)) {
            List<Method> getters = getters(type);
            if (!getters.isEmpty()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Method m : getters) {
                    fields.put(property(m), invoke(m, value));
                }
                return fields;
            }
        }
        throw new SerializationException(PickleCodec.NAME, "cannot pickle a " + name + " for a Python peer: the"
                + " pickle serializer sends str, int, float, bool, None, bytes, collections, maps, arrays,"
                + " java.time, BigDecimal, records and beans", null);
    }

    private static List<Method> getters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && !m.getName().equals("getClass")
                    && m.getReturnType() != void.class && !property(m).isEmpty()) {
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(ObjectFields::property));
        return getters;
    }

    /** The property a getter reads ({@code getFirstName} -> {@code firstName}), or "" if it is not a getter. */
    private static String property(Method m) {
        String n = m.getName();
        int prefix = n.startsWith("get") ? 3
                : n.startsWith("is") && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)
                ? 2 : 0;
        if (prefix == 0 || n.length() == prefix || !Character.isUpperCase(n.charAt(prefix))) {
            return "";
        }
        String rest = n.substring(prefix);
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
            return rest;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            if (!accessor.canAccess(target)) {
                accessor.setAccessible(true);
            }
            return accessor.invoke(target);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new SerializationException(PickleCodec.NAME, "cannot read " + accessor.getDeclaringClass().getName()
                    + "." + accessor.getName() + "() to pickle it: " + e, e);
        } catch (InvocationTargetException e) {
            throw new SerializationException(PickleCodec.NAME, accessor.getDeclaringClass().getName() + "."
                    + accessor.getName() + "() threw " + e.getCause() + " while being pickled", e.getCause());
        }
    }
}
