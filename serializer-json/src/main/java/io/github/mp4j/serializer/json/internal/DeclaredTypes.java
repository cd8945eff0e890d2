package io.github.mp4j.serializer.json.internal;

import java.lang.reflect.Field;
import java.lang.reflect.MalformedParameterizedTypeException;

/**
 * Finds a class that an allowed class needs for its fields but this process lacks. Jackson reads field types
 * when it builds a deserializer and reports a missing one without its name ("Failed to access RecordComponents"),
 * so the json serializer asks here first and can name the class in a {@code MissingTypeException}. The answer is
 * cached per class; asking loads field types but initialises nothing.
 */
final class DeclaredTypes {
    private static final String NONE = "";
    private static final ClassValue<String> MISSING = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String missing = scan(type);
            return missing == null ? NONE : missing;
        }
    };

    private DeclaredTypes() {
    }

    /** The binary name of a class that {@code type}'s fields (or its superclasses') need and that is absent. */
    static String missingIn(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        if (t.isPrimitive()) {
            return null;
        }
        String missing = MISSING.get(t);
        return missing.isEmpty() ? null : missing;
    }

    private static String scan(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                for (Field f : c.getDeclaredFields()) {
                    f.getGenericType();
                }
            } catch (NoClassDefFoundError e) {
                return e.getMessage() == null ? c.getName() : e.getMessage().replace('/', '.');
            } catch (TypeNotPresentException e) {
                return e.typeName();
            } catch (MalformedParameterizedTypeException | LinkageError e) {
                return null;
            }
        }
        return null;
    }
}
