package io.github.mp4j.serializer.protobuf.internal;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Parser} of each message class, found by class name and cached. Callers check the type policy
 * before asking: this class loads what it is asked for (without initialising it until it is known to be a
 * {@link Message}).
 */
public final class MessageParsers {
    private static final ClassValue<Boolean> FINDABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (String name : new String[] {"parser", "getDefaultInstance"}) {
                try {
                    staticMethod(type, name);
                    return true;
                } catch (NoSuchMethodException e) {
                    // try the other one
                }
            }
            return false;
        }
    };

    private final ConcurrentHashMap<String, Parser<?>> parsers = new ConcurrentHashMap<>();

    /**
     * Whether a receiver can find the parser of {@code type} by its name: it has a public static {@code parser()}
     * or {@code getDefaultInstance()} (generated classes do; {@code DynamicMessage} does not). Cached per class.
     */
    public static boolean findableByName(Class<?> type) {
        return FINDABLE.get(type);
    }

    /** Why a class name could not give a parser. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean missing;

        Failure(boolean missing, String message, Throwable cause) {
            super(message, cause);
            this.missing = missing;
        }

        /** Whether the class is absent from this process (rather than present but unusable). */
        public boolean missing() {
            return missing;
        }
    }

    /**
     * The parser of the message class {@code className}: from the cache, or from its static {@code parser()}
     * method (or {@code getDefaultInstance().getParserForType()}).
     *
     * @throws Failure if the class is absent, is not a {@link Message}, or has neither method
     */
    public Parser<?> forName(String className) throws Failure {
        Parser<?> parser = parsers.get(className);
        if (parser == null) {
            parser = lookUp(className);
            Parser<?> raced = parsers.putIfAbsent(className, parser);
            if (raced != null) {
                parser = raced;
            }
        }
        return parser;
    }

    private static Parser<?> lookUp(String className) throws Failure {
        Class<?> type = load(className);
        if (!Message.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new Failure(false, "class " + className + " named in the payload is not a concrete "
                    + Message.class.getName() + "; send only protobuf messages", null);
        }
        try {
            Object parser = staticMethod(type, "parser").invoke(null);
            if (parser instanceof Parser) {
                return (Parser<?>) parser;
            }
        } catch (NoSuchMethodException e) {
            // older generated code: fall back to the default instance
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException | LinkageError e) {
            throw new Failure(false, "cannot call " + className + ".parser(): " + e, e);
        }
        try {
            Message instance = (Message) staticMethod(type, "getDefaultInstance").invoke(null);
            return instance.getParserForType();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new Failure(false, "message class " + className + " has neither a static parser() nor a"
                    + " static getDefaultInstance() that works: " + e, e);
        }
    }

    private static Method staticMethod(Class<?> type, String name) throws NoSuchMethodException {
        Method m = type.getMethod(name);
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new NoSuchMethodException(type.getName() + "." + name + "() is not static");
        }
        return m;
    }

    private static Class<?> load(String className) throws Failure {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = MessageParsers.class.getClassLoader();
        Throwable last = null;
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                last = e;
            }
        }
        throw new Failure(true, "class " + className + " not found", last);
    }
}
