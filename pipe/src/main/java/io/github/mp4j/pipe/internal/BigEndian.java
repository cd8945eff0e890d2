package io.github.mp4j.pipe.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian (network order) ints and longs in byte arrays: frame headers, queue wire fields, spec channels. */
public final class BigEndian {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    /** The int at {@code at..at+3}. */
    public static int getInt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    /** Writes {@code v} at {@code at..at+3}. */
    public static void putInt(byte[] b, int at, int v) {
        INT.set(b, at, v);
    }

    /** The long at {@code at..at+7}. */
    public static long getLong(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    /** Writes {@code v} at {@code at..at+7}. */
    public static void putLong(byte[] b, int at, long v) {
        LONG.set(b, at, v);
    }
}
