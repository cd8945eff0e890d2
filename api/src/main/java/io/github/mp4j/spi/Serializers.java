package io.github.mp4j.spi;

import io.github.mp4j.SerializerMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the {@link Serializer}s installed on the class path or module path. */
public final class Serializers {
    /** The name of the embedded default serializer (java.io serialization). */
    public static final String JDK = "jdk";

    private static volatile List<Serializer> installed;

    private Serializers() {
    }

    /**
     * Every serializer found by {@link ServiceLoader}, in discovery order. Loaded once: a thread that asks while
     * another is loading them waits for that one, so every caller sees the same instances.
     */
    public static List<Serializer> installed() {
        List<Serializer> list = installed;
        if (list == null) {
            synchronized (Serializers.class) {
                list = installed;
                if (list == null) {
                    List<Serializer> found = new ArrayList<>();
                    ServiceLoader.load(Serializer.class, Serializers.class.getClassLoader()).forEach(found::add);
                    if (found.isEmpty()) {
                        ServiceLoader.load(Serializer.class).forEach(found::add);
                    }
                    installed = list = List.copyOf(found);
                }
            }
        }
        return list;
    }

    /**
     * The installed serializer with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the serializers that are installed
     */
    public static Serializer byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Serializer s : installed()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no serializer named '" + name + "' is installed; installed: "
                + names() + "; add the mp4j-serializer-" + wanted + " dependency");
    }

    /**
     * The order in which {@link #defaultSerializer()} prefers the serializers mp4j ships: Kryo (any class, fast),
     * JSON (readable, also by other languages), protobuf ({@code Message} types only), the JDK's own serialization,
     * and pickle after it: pickle carries plain data only (no Java classes, connections or queues), so it is the
     * default only where it is the one serializer installed; name it per connection for CPython peers.
     */
    public static final List<String> DEFAULT_ORDER = List.of("kryo", "json", "protobuf", JDK, "pickle");

    /**
     * The default serializer: the installed one that comes first in {@link #DEFAULT_ORDER}; a serializer mp4j does
     * not ship is chosen before {@code jdk} (and after the others), the first found if there are several. So the
     * single serializer on the class path wins, whichever it is, and with several the choice does not depend on the
     * order of the class path.
     *
     * @throws IllegalStateException if no serializer at all is installed
     */
    public static Serializer defaultSerializer() {
        return chooseDefault(installed());
    }

    /**
     * The serializer {@link #defaultSerializer()} picks among {@code candidates} (in discovery order).
     *
     * @throws IllegalStateException if {@code candidates} is empty
     */
    public static Serializer chooseDefault(List<Serializer> candidates) {
        Serializer best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Serializer s : candidates) {
            int rank = rank(s.name());
            if (rank < bestRank) {
                best = s;
                bestRank = rank;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no serializer is installed; add"
                    + " mp4j-serializer-jdk (or another mp4j-serializer-*) to the class path");
        }
        return best;
    }

    /** Position in {@link #DEFAULT_ORDER}; a serializer not listed ranks just before {@code jdk}. */
    private static int rank(String name) {
        int i = DEFAULT_ORDER.indexOf(name);
        int jdk = DEFAULT_ORDER.indexOf(JDK);
        return i < 0 ? 2 * jdk - 1 : 2 * i;
    }

    /** The names of the installed serializers, e.g. {@code [jdk, kryo]}. */
    public static List<String> names() {
        return installed().stream().map(Serializer::name).collect(Collectors.toList());
    }

    /** The name of the installed serializer whose signature the payload carries, or {@code "unknown"}. */
    public static String identify(byte[] payload, int offset, int length) {
        for (Serializer s : installed()) {
            if (s.recognizes(payload, offset, length)) {
                return s.name();
            }
        }
        return "unknown";
    }

    /**
     * The exception to throw when {@code reader} does not recognise a payload: names both serializers.
     */
    public static SerializerMismatchException mismatch(Serializer reader, byte[] payload, int offset, int length) {
        byte[] copy = java.util.Arrays.copyOfRange(payload, offset, offset + length);
        return new SerializerMismatchException(reader.name(), identify(payload, offset, length), copy);
    }
}
