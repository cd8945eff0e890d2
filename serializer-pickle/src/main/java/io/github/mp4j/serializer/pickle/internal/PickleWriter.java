package io.github.mp4j.serializer.pickle.internal;

import io.github.mp4j.SerializationException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;

/**
 * Writes one value as a protocol 4 pickle (unframed, which {@code pickle.loads} accepts) with the opcodes CPython's
 * own pickler uses for the same data, so {@code multiprocessing.connection.Connection.recv()} rebuilds plain Python
 * objects. Containers are memoized, so an object shared inside the value is shared after {@code pickle.loads} too;
 * a container that contains itself is refused, as is nesting deeper than {@link Limits#MAX_DEPTH}. Dict keys and set
 * elements are written hashable: a {@code List} or array as a tuple, a {@code Set} as a frozenset. One instance
 * writes one value.
 */
final class PickleWriter {
    private static final int BATCH = 1000;
    private static final int PROTOCOL = 4;

    private final OutputStream out;
    /** Memo indexes of containers written as values, and (separately: another Python object) as keys. */
    private final IdentityHashMap<Object, Integer> memo = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Integer> keyMemo = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();
    private int nextMemo;
    private int depth;

    PickleWriter(OutputStream out) {
        this.out = out;
    }

    void writePickle(Object value) throws IOException {
        out.write(Opcodes.PROTO);
        out.write(PROTOCOL);
        write(value, false);
        out.write(Opcodes.STOP);
    }

    private void write(Object v, boolean key) throws IOException {
        if (v == null) {
            out.write(Opcodes.NONE);
        } else if (v instanceof Boolean) {
            out.write((Boolean) v ? Opcodes.NEWTRUE : Opcodes.NEWFALSE);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            writeInt(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            writeLong((BigInteger) v);
        } else if (v instanceof Double || v instanceof Float) {
            out.write(Opcodes.BINFLOAT);
            out.write(PickleUtils.double_to_bytes(((Number) v).doubleValue()));
        } else if (v instanceof String || v instanceof Character) {
            writeString(v.toString());
        } else if (v instanceof Enum) {
            writeString(((Enum<?>) v).name());
        } else if (v instanceof byte[]) {
            writeBytes((byte[]) v);
        } else if (v instanceof BigDecimal) {
            writeCall("decimal", "Decimal", ((BigDecimal) v).toString());
        } else if (!writeTime(v)) {
            writeContainer(v, key);
        }
    }

    private void writeContainer(Object v, boolean key) throws IOException {
        if (open.containsKey(v)) {
            throw new SerializationException(PickleCodec.NAME, "cannot pickle a " + v.getClass().getName()
                    + " that contains itself: the pickle serializer sends trees and shared references, not cycles",
                    null);
        }
        IdentityHashMap<Object, Integer> table = key ? keyMemo : memo;
        Integer index = table.get(v);
        if (index != null) {
            writeGet(index);
            return;
        }
        if (depth >= Limits.MAX_DEPTH) {
            throw new SerializationException(PickleCodec.NAME, "value nests deeper than " + Limits.MAX_DEPTH
                    + " levels at a " + v.getClass().getName(), null);
        }
        depth++;
        open.put(v, Boolean.TRUE);
        if (v instanceof Map) {
            writeDict(v, (Map<?, ?>) v, key);
        } else if (v instanceof Set && key) {
            writeItems(((Set<?>) v).iterator(), true, Opcodes.FROZENSET);
        } else if (v instanceof Set) {
            out.write(Opcodes.EMPTY_SET);
            memoize(v, table);
            writeBatches(((Set<?>) v).iterator(), true, Opcodes.ADDITEMS);
        } else if (v instanceof Object[] || (v instanceof Collection && key)) {
            Iterator<?> items = v instanceof Object[] ? Arrays.asList((Object[]) v).iterator()
                    : ((Collection<?>) v).iterator();
            writeItems(items, key, Opcodes.TUPLE);
        } else if (v instanceof Collection || v.getClass().isArray()) {
            out.write(Opcodes.EMPTY_LIST);
            memoize(v, table);
            writeBatches(v instanceof Collection ? ((Collection<?>) v).iterator() : primitives(v), false,
                    Opcodes.APPENDS);
        } else {
            writeDict(v, ObjectFields.of(v), key);
        }
        if (!table.containsKey(v)) {
            memoize(v, table);
        }
        open.remove(v);
        depth--;
    }

    private void writeDict(Object identity, Map<?, ?> map, boolean key) throws IOException {
        if (key) {
            throw new SerializationException(PickleCodec.NAME, "a " + identity.getClass().getName()
                    + " cannot be a dict key or set element: it is written as a Python dict, which is unhashable",
                    null);
        }
        out.write(Opcodes.EMPTY_DICT);
        memoize(identity, memo);
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            out.write(Opcodes.MARK);
            for (int n = 0; n < BATCH && entries.hasNext(); n++) {
                Map.Entry<?, ?> e = entries.next();
                write(e.getKey(), true);
                write(e.getValue(), false);
            }
            out.write(Opcodes.SETITEMS);
        }
    }

    /** MARK, every item, then {@code opcode} (TUPLE or FROZENSET). */
    private void writeItems(Iterator<?> items, boolean key, short opcode) throws IOException {
        out.write(Opcodes.MARK);
        while (items.hasNext()) {
            write(items.next(), key);
        }
        out.write(opcode);
    }

    /** Batches of {@link #BATCH} items, each as MARK, items, {@code opcode} (APPENDS or ADDITEMS). */
    private void writeBatches(Iterator<?> items, boolean key, short opcode) throws IOException {
        while (items.hasNext()) {
            out.write(Opcodes.MARK);
            for (int n = 0; n < BATCH && items.hasNext(); n++) {
                write(items.next(), key);
            }
            out.write(opcode);
        }
    }

    private static Iterator<?> primitives(Object array) {
        List<Object> items = new ArrayList<>(Array.getLength(array));
        for (int i = 0; i < Array.getLength(array); i++) {
            items.add(Array.get(array, i));
        }
        return items.iterator();
    }

    private void memoize(Object identity, IdentityHashMap<Object, Integer> table) throws IOException {
        out.write(Opcodes.MEMOIZE);
        table.put(identity, nextMemo++);
    }

    private void writeGet(int index) throws IOException {
        if (index < 256) {
            out.write(Opcodes.BINGET);
            out.write(index);
        } else {
            out.write(Opcodes.LONG_BINGET);
            writeLittleEndian(index, 4);
        }
    }

    private void writeInt(long n) throws IOException {
        if (n >= 0 && n < 256) {
            out.write(Opcodes.BININT1);
            out.write((int) n);
        } else if (n >= 0 && n < 65536) {
            out.write(Opcodes.BININT2);
            writeLittleEndian(n, 2);
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            out.write(Opcodes.BININT);
            writeLittleEndian(n, 4);
        } else {
            writeLong(BigInteger.valueOf(n));
        }
    }

    private void writeLong(BigInteger n) throws IOException {
        writeSized(Opcodes.LONG1, Opcodes.LONG4, PickleUtils.encode_long(n));
    }

    private void writeString(String s) throws IOException {
        writeSized(Opcodes.SHORT_BINUNICODE, Opcodes.BINUNICODE, s.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(byte[] b) throws IOException {
        writeSized(Opcodes.SHORT_BINBYTES, Opcodes.BINBYTES, b);
    }

    /**
     * {@code data} after its length: {@code shortOpcode} and a 1-byte length below 256 bytes, else {@code longOpcode}
     * and a 4-byte little-endian length (a Java array never exceeds it).
     */
    private void writeSized(int shortOpcode, int longOpcode, byte[] data) throws IOException {
        if (data.length < 256) {
            out.write(shortOpcode);
            out.write(data.length);
        } else {
            out.write(longOpcode);
            writeLittleEndian(data.length, 4);
        }
        out.write(data);
    }

    /** {@code module.name(*args)}: GLOBAL, the arguments as a tuple, REDUCE. */
    private void writeCall(String module, String name, Object... args) throws IOException {
        out.write(Opcodes.GLOBAL);
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(Opcodes.MARK);
        for (Object a : args) {
            write(a, false);
        }
        out.write(Opcodes.TUPLE);
        out.write(Opcodes.REDUCE);
    }

    /** Writes a java.time value as CPython's datetime pickles it; false if {@code v} is not one. */
    private boolean writeTime(Object v) throws IOException {
        if (v instanceof ZonedDateTime) {
            v = ((ZonedDateTime) v).toOffsetDateTime();
        } else if (v instanceof Instant) {
            v = ((Instant) v).atOffset(ZoneOffset.UTC);
        }
        if (v instanceof LocalDate) {
            checkYear(((LocalDate) v).getYear());
            writeCall("datetime", "date", PyTimes.dateState((LocalDate) v));
        } else if (v instanceof LocalDateTime) {
            checkYear(((LocalDateTime) v).getYear());
            writeCall("datetime", "datetime", PyTimes.datetimeState((LocalDateTime) v));
        } else if (v instanceof OffsetDateTime) {
            OffsetDateTime t = (OffsetDateTime) v;
            checkYear(t.getYear());
            writeCall("datetime", "datetime", PyTimes.datetimeState(t.toLocalDateTime()), t.getOffset());
        } else if (v instanceof LocalTime) {
            writeCall("datetime", "time", PyTimes.timeState((LocalTime) v));
        } else if (v instanceof OffsetTime) {
            OffsetTime t = (OffsetTime) v;
            writeCall("datetime", "time", PyTimes.timeState(t.toLocalTime()), t.getOffset());
        } else if (v instanceof Duration) {
            long[] a = PyTimes.timedeltaArgs((Duration) v);
            writeCall("datetime", "timedelta", a[0], a[1], a[2]);
        } else if (v instanceof ZoneOffset) {
            writeCall("datetime", "timezone", Duration.ofSeconds(((ZoneOffset) v).getTotalSeconds()));
        } else {
            return false;
        }
        return true;
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new SerializationException(PickleCodec.NAME, "year " + year
                    + " is outside Python's datetime range 1..9999", null);
        }
    }

    private void writeLittleEndian(long v, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
