package io.github.mp4j.serializer.pickle.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pickle globals that carry plain data (sets, bytes, datetimes, Decimal, OrderedDict) and how each becomes a
 * Java value. No other global is ever called: one the policy allows but this table lacks is a missing type.
 */
final class PlainGlobals {
    private static final Map<String, GlobalMapping> TABLE = table();

    private PlainGlobals() {
    }

    /** The mapping of {@code module.name}, or null. */
    static GlobalMapping get(String qualifiedName) {
        return TABLE.get(qualifiedName);
    }

    private static Map<String, GlobalMapping> table() {
        Map<String, GlobalMapping> t = new LinkedHashMap<>();
        GlobalMapping set = new GlobalMapping("java.util.LinkedHashSet", PlainGlobals::set);
        GlobalMapping frozenset = new GlobalMapping("java.util.LinkedHashSet", PlainGlobals::frozenset);
        GlobalMapping bytearray = new GlobalMapping("[B", PlainGlobals::bytearray);
        for (String builtins : new String[] {"builtins", "__builtin__"}) {
            t.put(builtins + ".set", set);
            t.put(builtins + ".frozenset", frozenset);
            t.put(builtins + ".bytearray", bytearray);
        }
        t.put("_codecs.encode", new GlobalMapping("[B", PlainGlobals::codecsEncode));
        t.put("collections.OrderedDict", new GlobalMapping("java.util.LinkedHashMap", PlainGlobals::orderedDict));
        t.put("decimal.Decimal", new GlobalMapping("java.math.BigDecimal", PlainGlobals::decimal));
        t.put("datetime.date", new GlobalMapping("java.time.LocalDate", PyTimes::date));
        t.put("datetime.datetime", new GlobalMapping("java.time.LocalDateTime", PyTimes::datetime));
        t.put("datetime.time", new GlobalMapping("java.time.LocalTime", PyTimes::time));
        t.put("datetime.timedelta", new GlobalMapping("java.time.Duration", PyTimes::timedelta));
        t.put("datetime.timezone", new GlobalMapping("java.time.ZoneOffset", PyTimes::timezone));
        return Map.copyOf(t);
    }

    private static Object set(Object[] args, Keys keys) {
        Set<Object> set = new LinkedHashSet<>();
        for (Object item : iterableArgument("set", args)) {
            keys.add(set, item);
        }
        return set;
    }

    private static Object frozenset(Object[] args, Keys keys) {
        return keys.frozenSet(iterableArgument("frozenset", args));
    }

    private static Iterable<?> iterableArgument(String what, Object[] args) {
        if (args.length == 0) {
            return Set.of();
        }
        if (args.length == 1 && args[0] instanceof Collection) {
            return (Collection<?>) args[0];
        }
        if (args.length == 1 && args[0] instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) args[0]);
        }
        throw badArguments(what, args);
    }

    private static Object bytearray(Object[] args, Keys keys) {
        if (args.length == 0) {
            return new byte[0];
        }
        if (args.length == 1 && args[0] instanceof byte[]) {
            return ((byte[]) args[0]).clone();
        }
        return codecsEncode(args, keys);
    }

    /** {@code _codecs.encode(text, 'latin1')}: how protocol 2 writes bytes. Other codecs are refused. */
    private static Object codecsEncode(Object[] args, Keys keys) {
        if (args.length == 2 && args[0] instanceof String && ("latin1".equals(args[1]) || "latin-1".equals(args[1]))) {
            String text = (String) args[0];
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xff) {
                    throw PickleRefusal.malformed("bytes encoded as latin-1 text hold character U+"
                            + Integer.toHexString(text.charAt(i)) + " at index " + i + ", above U+00FF");
                }
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw badArguments("_codecs.encode (only text with 'latin1' is accepted)", args);
    }

    private static Object orderedDict(Object[] args, Keys keys) {
        if (args.length != 0) {
            throw badArguments("collections.OrderedDict", args);
        }
        return new LinkedHashMap<>();
    }

    private static Object decimal(Object[] args, Keys keys) {
        if (args.length != 1 || !(args[0] instanceof String)) {
            throw badArguments("decimal.Decimal", args);
        }
        String text = (String) args[0];
        if (text.length() > Limits.MAX_NUMBER_DIGITS) {
            throw PickleRefusal.malformed("Decimal text of " + text.length() + " characters exceeds "
                    + Limits.MAX_NUMBER_DIGITS);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw PickleRefusal.malformed("Decimal('" + text + "') has no BigDecimal value (NaN and infinities"
                    + " have none)");
        }
    }

    /** The refusal for arguments a plain global does not take; names their Python types, never their contents. */
    static PickleRefusal badArguments(String global, Object[] args) {
        StringBuilder types = new StringBuilder();
        for (Object a : args) {
            types.append(types.length() == 0 ? "" : ", ").append(PythonNames.of(a));
        }
        return PickleRefusal.malformed(global + " called with unsupported arguments (" + types + ")");
    }
}
