package io.github.mp4j;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, by class name and before any class is loaded, which types a serializer may decode.
 *
 * <p>{@link #defaults()} allows JDK value types (strings, boxed primitives, {@code java.math}, {@code java.time},
 * the common {@code java.util} collections and maps, arrays of those) and mp4j's own hand-over handles (the
 * classes directly in packages named {@code io.github.mp4j.<module>.internal.share}), so Connections and queues
 * can travel inside messages. Application
 * types are allowed explicitly: {@code TypePolicy.defaults().allowPackages("com.example")}. {@link #allowAll()}
 * is an explicit opt-out of the check, for trusted peers only.
 *
 * <p>Array types are judged by their element type; primitive types are always allowed. Policies are
 * immutable: every {@code allow...} method returns a new policy.
 */
public final class TypePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Set<String> JDK_VALUE_CLASSES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Number", "java.lang.Enum", "java.lang.Void",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.net.URI", "java.util.UUID", "java.util.Date", "java.util.BitSet", "java.util.Locale",
            "java.util.Currency", "java.util.Optional",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Vector",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
            "java.util.EnumMap", "java.util.IdentityHashMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.EnumSet", "java.util.RegularEnumSet", "java.util.JumboEnumSet",
            "java.util.EnumSet$SerializationProxy", "java.util.CollSer", "java.util.Arrays$ArrayList",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList",
            "io.github.mp4j.TypePolicy");

    /** mp4j's own hand-over handles (pipe ends, queues) live in packages named {@code io.github.mp4j.*.internal.share}. */
    private static final String HANDLE_PACKAGE_ROOT = "io.github.mp4j.";
    private static final String HANDLE_PACKAGE_MARK = ".internal.share.";

    private static final List<String> JDK_VALUE_PREFIXES = List.of(
            "java.time.", "java.util.ImmutableCollections$", "java.util.Collections$");

    private static final TypePolicy DEFAULTS =
            new TypePolicy(false, JDK_VALUE_CLASSES, JDK_VALUE_PREFIXES, "defaults()");
    private static final TypePolicy ALLOW_ALL = new TypePolicy(true, Set.of(), List.of(), "allowAll()");

    private final boolean allowAll;
    private final Set<String> classes;
    private final List<String> prefixes;
    private final String description;

    private TypePolicy(boolean allowAll, Set<String> classes, List<String> prefixes, String description) {
        this.allowAll = allowAll;
        this.classes = classes;
        this.prefixes = prefixes;
        this.description = description;
    }

    /** JDK value types and mp4j's handle types; nothing of the application's. */
    public static TypePolicy defaults() {
        return DEFAULTS;
    }

    /** Every type: for peers you trust as much as your own code. */
    public static TypePolicy allowAll() {
        return ALLOW_ALL;
    }

    /**
     * This policy plus every class in the given packages and their subpackages.
     *
     * @param packages package names such as {@code "com.example"}
     * @throws IllegalArgumentException if a name is empty or ends with a dot
     */
    public TypePolicy allowPackages(String... packages) {
        List<String> more = new ArrayList<>(prefixes);
        for (String p : packages) {
            Objects.requireNonNull(p, "package");
            if (p.isEmpty() || p.endsWith(".")) {
                throw new IllegalArgumentException("package name must be non-empty without a trailing dot: '"
                        + p + "'");
            }
            more.add(p + ".");
        }
        return new TypePolicy(allowAll, classes, List.copyOf(more),
                description + ".allowPackages(" + String.join(", ", packages) + ")");
    }

    /** This policy plus the classes with the given binary names (e.g. {@code "com.example.Outer$Inner"}). */
    public TypePolicy allowClasses(String... classNames) {
        Set<String> more = new LinkedHashSet<>(classes);
        for (String c : classNames) {
            more.add(Objects.requireNonNull(c, "class name"));
        }
        return new TypePolicy(allowAll, Collections.unmodifiableSet(more), prefixes,
                description + ".allowClasses(" + String.join(", ", classNames) + ")");
    }

    /** This policy plus the given classes. */
    public TypePolicy allowClasses(Class<?>... types) {
        return allowClasses(Arrays.stream(types).map(Class::getName).toArray(String[]::new));
    }

    /**
     * The policy that allows exactly the types both this policy and {@code other} allow: what a received handle's
     * own policy may do to the receiving side's (narrow it, never widen it). Either operand is returned as is
     * when it already is the intersection (e.g. {@code p.intersect(allowAll())} is {@code p}).
     */
    public TypePolicy intersect(TypePolicy other) {
        Objects.requireNonNull(other, "other");
        if (other.allowAll || this.equals(other)) {
            return this;
        }
        if (allowAll) {
            return other;
        }
        Set<String> both = new LinkedHashSet<>();
        for (String c : classes) {
            if (other.isAllowed(c)) {
                both.add(c);
            }
        }
        for (String c : other.classes) {
            if (isAllowed(c)) {
                both.add(c);
            }
        }
        Set<String> common = new LinkedHashSet<>();
        addNarrower(prefixes, other.prefixes, common);
        addNarrower(other.prefixes, prefixes, common);
        TypePolicy result = new TypePolicy(false, Collections.unmodifiableSet(both), List.copyOf(common),
                "(" + description + ").intersect(" + other.description + ")");
        return result.equals(this) ? this : result.equals(other) ? other : result;
    }

    /** Adds every prefix of {@code mine} that lies inside one of {@code theirs} (a prefix names a package). */
    private static void addNarrower(List<String> mine, List<String> theirs, Set<String> into) {
        for (String p : mine) {
            for (String q : theirs) {
                if (p.startsWith(q)) {
                    into.add(p);
                    break;
                }
            }
        }
    }

    /**
     * Whether a type with this binary name may be decoded. Array names ({@code "[Lcom.x.Foo;"}, {@code "[I"})
     * are judged by their element type; primitive types are always allowed. Never loads a class.
     */
    public boolean isAllowed(String className) {
        if (allowAll) {
            return true;
        }
        String name = elementName(className);
        if (name == null) {
            return true;
        }
        if (classes.contains(name) || isHandle(name)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name the policy judges for {@code className}: the element type's binary name for an array name in either
     * form ({@code "[[Lcom.x.Foo;"} and {@code "com.x.Foo[][]"} give {@code "com.x.Foo"}, {@code "[I"} gives
     * {@code "int"}), the name itself otherwise. The convention of {@link TypeNotAllowedException#typeName()} and
     * {@link MissingTypeException#typeName()}.
     */
    static String judgedName(String className) {
        if (className == null) {
            return null;
        }
        String name = className;
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
        }
        if (!name.startsWith("[")) {
            return name;
        }
        String element = elementName(name);
        if (element != null) {
            return element;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        switch (name.substring(dims)) {
            case "Z": return "boolean";
            case "B": return "byte";
            case "S": return "short";
            case "C": return "char";
            case "I": return "int";
            case "J": return "long";
            case "F": return "float";
            case "D": return "double";
            default: return name;
        }
    }

    private static boolean isHandle(String name) {
        int mark = name.indexOf(HANDLE_PACKAGE_MARK);
        return name.startsWith(HANDLE_PACKAGE_ROOT) && mark > 0
                && name.indexOf('.', mark + HANDLE_PACKAGE_MARK.length()) < 0;
    }

    /** The element type of an array name, the name itself otherwise; null for a primitive (always allowed). */
    private static String elementName(String className) {
        int dims = 0;
        while (dims < className.length() && className.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return isPrimitive(className) ? null : className;
        }
        if (className.charAt(dims) == 'L' && className.endsWith(";")) {
            return className.substring(dims + 1, className.length() - 1);
        }
        return className.length() == dims + 1 ? null : className;
    }

    private static boolean isPrimitive(String name) {
        switch (name) {
            case "boolean": case "byte": case "short": case "char": case "int": case "long": case "float":
            case "double": case "void":
                return true;
            default:
                return false;
        }
    }

    /**
     * A policy read from a stream (inside a handle) is rebuilt from checked, immutable copies of its fields; a
     * forged one with missing fields is refused.
     */
    private Object readResolve() throws ObjectStreamException {
        if (classes == null || prefixes == null || description == null
                || classes.stream().anyMatch(Objects::isNull) || prefixes.stream().anyMatch(Objects::isNull)) {
            throw new InvalidObjectException("TypePolicy with missing fields (classes=" + classes + ", prefixes="
                    + prefixes + ")");
        }
        if (allowAll) {
            return ALLOW_ALL;
        }
        TypePolicy p = new TypePolicy(false, Set.copyOf(classes), List.copyOf(prefixes), description);
        return p.equals(DEFAULTS) ? DEFAULTS : p;
    }

    @Override
    public String toString() {
        return "TypePolicy." + description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypePolicy && ((TypePolicy) o).allowAll == allowAll
                && ((TypePolicy) o).classes.equals(classes) && ((TypePolicy) o).prefixes.equals(prefixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowAll, classes, prefixes);
    }
}
