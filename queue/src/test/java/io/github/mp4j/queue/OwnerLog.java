package io.github.mp4j.queue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what the queue owner logs through {@link System.Logger} while a test runs, when the JDK's default
 * logger backend ({@code java.util.logging}) is in use. Reached by reflection: the queue module does not read
 * {@code java.logging}, and tests compile as part of that module.
 */
final class OwnerLog implements AutoCloseable {
    private static final String LOGGER = "io.github.mp4j.queue.internal.owner.OwnerQueue";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Object logger;
    private final Object handler;

    private OwnerLog() throws ReflectiveOperationException {
        Class<?> loggerClass = Class.forName("java.util.logging.Logger");
        Class<?> handlerClass = Class.forName("java.util.logging.Handler");
        Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
        Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
        handler = Class.forName("java.util.logging.StreamHandler")
                .getConstructor(OutputStream.class, formatterClass).newInstance(bytes, formatter);
        logger = loggerClass.getMethod("getLogger", String.class).invoke(null, LOGGER);
        loggerClass.getMethod("addHandler", handlerClass).invoke(logger, handler);
    }

    /** Starts capturing. */
    static OwnerLog capture() throws ReflectiveOperationException {
        return new OwnerLog();
    }

    /** The messages logged so far, one per record, as {@code "LEVEL: message"}. */
    List<String> messages() throws ReflectiveOperationException {
        handler.getClass().getMethod("flush").invoke(handler);
        List<String> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.matches("^[A-Z]+: .*")) {
                out.add(line);
            }
        }
        return out;
    }

    @Override
    public void close() throws ReflectiveOperationException {
        Class.forName("java.util.logging.Logger").getMethod("removeHandler",
                Class.forName("java.util.logging.Handler")).invoke(logger, handler);
    }
}
