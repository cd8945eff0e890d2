package io.github.mp4j.spi;

import io.github.mp4j.SerializerMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link Serializer}s installed on the class path or module path.
 *
 * <p><b>Created when asked for.</b> Discovery ({@link ServiceLoader}) is lazy: a provider is created only when a
 * caller needs it. {@link #byName} and {@link #defaultSerializer()} first judge a provider by its class name — a
 * class named {@code <Name>Serializer}, as every serializer mp4j ships is ({@code KryoSerializer} is {@code kryo}),
 * is presumed to be named {@code name} in lower case until it is created — so a child JVM that uses {@code jdk} never
 * builds Kryo or Jackson. A provider whose class name does not follow that pattern is created when a lookup reaches
 * it; when no presumed name matches, every provider is created and asked. Each provider is created at most once and
 * every method hands out the same instance.
 */
public final class Serializers {
    /** The name of the embedded default serializer (java.io serialization). */
    public static final String JDK = "jdk";

    private static final String SUFFIX = "Serializer";
    private static volatile List<Candidate> candidates;
    private static volatile List<Serializer> installed;

    private Serializers() {
    }

    /**
     * Every serializer found by {@link ServiceLoader}, in discovery order; creates each one not created yet. Loaded
     * once: a thread that asks while another is loading them waits for that one, so every caller sees the same
     * instances.
     */
    public static List<Serializer> installed() {
        List<Serializer> list = installed;
        if (list == null) {
            synchronized (Serializers.class) {
                list = installed;
                if (list == null) {
                    installed = list = candidates().stream().map(Candidate::get).collect(Collectors.toUnmodifiableList());
                }
            }
        }
        return list;
    }

    /**
     * The installed serializer with this name (case-insensitive): the first in discovery order. Creates the
     * providers presumed to carry that name first (see the class description), the others only if none does.
     *
     * @throws IllegalArgumentException naming the serializers that are installed
     */
    public static Serializer byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Candidate c : candidates()) {
            if ((c.presumedName == null || c.presumedName.equals(wanted)) && c.get().name().equals(wanted)) {
                return c.get();
            }
        }
        for (Serializer s : installed()) { // a provider whose class name misled the first pass
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
     * order of the class path. Creates only the chosen provider and those whose class name does not tell their name
     * (see the class description).
     *
     * @throws IllegalStateException if no serializer at all is installed
     */
    public static Serializer defaultSerializer() {
        Candidate best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Candidate c : candidates()) {
            int rank = rank(c.presumedName != null ? c.presumedName : c.get().name());
            if (rank < bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        if (best != null && (best.presumedName == null || best.presumedName.equals(best.get().name()))) {
            return best.get();
        }
        return chooseDefault(installed()); // none installed (the message says so), or a class name misled the ranking
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

    /** The providers in discovery order, none created yet (found once, with the class loader that loaded this class). */
    private static List<Candidate> candidates() {
        List<Candidate> list = candidates;
        if (list == null) {
            synchronized (Serializers.class) {
                list = candidates;
                if (list == null) {
                    List<Candidate> found = new ArrayList<>();
                    ServiceLoader.load(Serializer.class, Serializers.class.getClassLoader()).stream()
                            .forEach(p -> found.add(new Candidate(p)));
                    if (found.isEmpty()) {
                        ServiceLoader.load(Serializer.class).stream().forEach(p -> found.add(new Candidate(p)));
                    }
                    candidates = list = List.copyOf(found);
                }
            }
        }
        return list;
    }

    /** One provider: its presumed name, read off its class name, and the instance once created. */
    private static final class Candidate {
        final ServiceLoader.Provider<Serializer> provider;
        final String presumedName;
        private Serializer instance;

        Candidate(ServiceLoader.Provider<Serializer> provider) {
            this.provider = provider;
            String simple = provider.type().getSimpleName();
            this.presumedName = simple.endsWith(SUFFIX) && simple.length() > SUFFIX.length()
                    ? simple.substring(0, simple.length() - SUFFIX.length()).toLowerCase(Locale.ROOT) : null;
        }

        synchronized Serializer get() {
            if (instance == null) {
                instance = provider.get();
            }
            return instance;
        }
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
