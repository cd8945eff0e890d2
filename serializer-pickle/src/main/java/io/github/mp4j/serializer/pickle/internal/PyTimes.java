package io.github.mp4j.serializer.pickle.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Python's {@code datetime} pickles to and from {@code java.time}. CPython pickles a date, datetime or time as its
 * packed state bytes (plus an optional tzinfo), a timedelta as {@code (days, seconds, microseconds)} and a
 * timezone as {@code (offset_timedelta[, name])}; these are read and written here byte for byte.
 */
final class PyTimes {
    private PyTimes() {
    }

    static Object date(Object[] args, Keys keys) {
        byte[] s = state("datetime.date", args, 4, 1);
        return guard("datetime.date", () -> LocalDate.of(year(s), s[2] & 0xff, s[3] & 0xff));
    }

    static Object datetime(Object[] args, Keys keys) {
        byte[] s = state("datetime.datetime", args, 10, 2);
        ZoneOffset zone = zone("datetime.datetime", args);
        LocalDateTime local = guard("datetime.datetime", () -> LocalDateTime.of(year(s), s[2] & 0x7f, s[3] & 0xff,
                s[4] & 0xff, s[5] & 0xff, s[6] & 0xff, micros(s, 7) * 1000));
        return zone == null ? local : local.atOffset(zone);
    }

    static Object time(Object[] args, Keys keys) {
        byte[] s = state("datetime.time", args, 6, 2);
        ZoneOffset zone = zone("datetime.time", args);
        LocalTime local = guard("datetime.time", () -> LocalTime.of(s[0] & 0x7f, s[1] & 0xff, s[2] & 0xff,
                micros(s, 3) * 1000));
        return zone == null ? local : local.atOffset(zone);
    }

    static Object timedelta(Object[] args, Keys keys) {
        if (args.length != 3 || !(args[0] instanceof Long) || !(args[1] instanceof Long)
                || !(args[2] instanceof Long)) {
            throw PlainGlobals.badArguments("datetime.timedelta", args);
        }
        return guard("datetime.timedelta", () -> Duration.ofDays((Long) args[0]).plusSeconds((Long) args[1])
                .plusNanos(Math.multiplyExact((Long) args[2], 1000L)));
    }

    static Object timezone(Object[] args, Keys keys) {
        if (args.length < 1 || args.length > 2 || !(args[0] instanceof Duration)
                || (args.length == 2 && !(args[1] instanceof String))) {
            throw PlainGlobals.badArguments("datetime.timezone", args);
        }
        Duration offset = (Duration) args[0];
        if (offset.getNano() != 0) {
            throw PickleRefusal.malformed("timezone offset " + offset + " has a fraction of a second; ZoneOffset"
                    + " holds whole seconds");
        }
        return guard("datetime.timezone", () -> ZoneOffset.ofTotalSeconds(Math.toIntExact(offset.getSeconds())));
    }

    // ------------------------------------------------------------------ Java -> pickle state

    static byte[] dateState(LocalDate d) {
        return new byte[] {(byte) (d.getYear() >> 8), (byte) d.getYear(), (byte) d.getMonthValue(),
                (byte) d.getDayOfMonth()};
    }

    static byte[] datetimeState(LocalDateTime t) {
        int us = t.getNano() / 1000;
        return new byte[] {(byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) t.getMonthValue(),
                (byte) t.getDayOfMonth(), (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
                (byte) (us >> 16), (byte) (us >> 8), (byte) us};
    }

    static byte[] timeState(LocalTime t) {
        int us = t.getNano() / 1000;
        return new byte[] {(byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(), (byte) (us >> 16),
                (byte) (us >> 8), (byte) us};
    }

    /** {@code (days, seconds, microseconds)} as CPython normalises a timedelta; sub-microsecond nanos dropped. */
    static long[] timedeltaArgs(Duration d) {
        long seconds = d.getSeconds();
        return new long[] {Math.floorDiv(seconds, 86_400), Math.floorMod(seconds, 86_400), d.getNano() / 1000};
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] state(String global, Object[] args, int length, int maxArgs) {
        if (args.length < 1 || args.length > maxArgs) {
            throw PlainGlobals.badArguments(global, args);
        }
        Object s = args[0];
        byte[] bytes = s instanceof String ? ((String) s).getBytes(StandardCharsets.ISO_8859_1)
                : s instanceof byte[] ? (byte[]) s : null;
        if (bytes == null || bytes.length != length) {
            throw PickleRefusal.malformed(global + " state must be " + length + " bytes, got "
                    + (bytes == null ? PythonNames.of(s) : bytes.length + " bytes"));
        }
        return bytes;
    }

    private static ZoneOffset zone(String global, Object[] args) {
        if (args.length < 2 || args[1] == null) {
            return null;
        }
        if (args[1] instanceof ZoneOffset) {
            return (ZoneOffset) args[1];
        }
        throw PickleRefusal.malformed(global + " tzinfo must be a datetime.timezone, got "
                + PythonNames.of(args[1]));
    }

    private static int year(byte[] s) {
        return (s[0] & 0xff) << 8 | (s[1] & 0xff);
    }

    private static int micros(byte[] s, int at) {
        return (s[at] & 0xff) << 16 | (s[at + 1] & 0xff) << 8 | (s[at + 2] & 0xff);
    }

    private static <T> T guard(String global, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (DateTimeException | ArithmeticException e) {
            throw PickleRefusal.malformed(global + " holds an invalid value: " + e.getMessage());
        }
    }
}
