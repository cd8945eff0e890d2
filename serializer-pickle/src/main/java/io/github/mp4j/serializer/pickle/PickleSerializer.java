package io.github.mp4j.serializer.pickle;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.pickle.internal.PickleCodec;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@code "pickle"} serializer: Python's pickle, read through Pyrolite, so that a Java {@code Connection} can
 * {@code send}/{@code recv} objects with a CPython {@code multiprocessing.connection} peer, whose
 * {@code Connection.send(obj)} pickles and whose {@code recv()} calls {@code pickle.loads}. Select it per
 * connection (for example {@code ConnectionOptions.builder().serializer("pickle")}); it carries plain data only.
 *
 * <h2>Values</h2>
 * <table>
 *   <caption>Python to Java (decode) and Java to Python (encode)</caption>
 *   <tr><th>Python</th><th>decodes to</th><th>encoded from</th></tr>
 *   <tr><td>{@code dict}, {@code OrderedDict}</td><td>{@code LinkedHashMap} (Python's order)</td>
 *       <td>any {@code Map}</td></tr>
 *   <tr><td>{@code list}</td><td>{@code ArrayList}</td><td>any other {@code Collection}, primitive arrays
 *       except {@code byte[]}</td></tr>
 *   <tr><td>{@code tuple}</td><td>{@code Object[]}; as a dict key or set element an unmodifiable {@code List}
 *       (so equal tuples are equal keys: look up with {@code List.of(...)})</td>
 *       <td>{@code Object[]}; a {@code List} used as a key or set element</td></tr>
 *   <tr><td>{@code set} / {@code frozenset}</td><td>{@code LinkedHashSet} / an unmodifiable {@code Set}</td>
 *       <td>any {@code Set} (a frozenset when it is a key or set element)</td></tr>
 *   <tr><td>{@code str}</td><td>{@code String}</td><td>{@code String}, {@code Character}, enum constants (their
 *       name)</td></tr>
 *   <tr><td>{@code bytes} / {@code bytearray}</td><td>{@code byte[]}</td><td>{@code byte[]} (as {@code bytes})</td></tr>
 *   <tr><td>{@code int}</td><td>{@code Long}, or {@code BigInteger} outside its range</td>
 *       <td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}</td></tr>
 *   <tr><td>{@code float}</td><td>{@code Double}</td><td>{@code Float}, {@code Double}</td></tr>
 *   <tr><td>{@code bool} / {@code None}</td><td>{@code Boolean} / {@code null}</td><td>the same</td></tr>
 *   <tr><td>{@code datetime.date}, {@code .time}, {@code .datetime}</td><td>{@code LocalDate}, {@code LocalTime} or
 *       {@code OffsetTime}, {@code LocalDateTime} or {@code OffsetDateTime} (aware values with a
 *       {@code datetime.timezone} offset; other tzinfo classes are missing types)</td>
 *       <td>the same, plus {@code ZonedDateTime} (sent with its offset) and {@code Instant} (UTC)</td></tr>
 *   <tr><td>{@code datetime.timedelta}, {@code datetime.timezone}</td><td>{@code Duration}, {@code ZoneOffset}</td>
 *       <td>the same (nanoseconds below a microsecond are dropped)</td></tr>
 *   <tr><td>{@code decimal.Decimal}</td><td>{@code BigDecimal} (NaN and infinities are refused)</td>
 *       <td>{@code BigDecimal}</td></tr>
 *   <tr><td>{@code dict} of fields</td><td>(not decoded back)</td><td>records: {@code {component: value}} in
 *       declaration order; beans: {@code {property: value}} from public getters, in name order; no class name
 *       travels</td></tr>
 * </table>
 * Objects shared inside a value stay shared both ways (pickle's memo). Cycles are refused both ways (Java
 * collections cannot compare or hash them), as is nesting deeper than 1000 levels. mp4j Connections and queues,
 * JDK types not listed above and classes with neither record components nor getters throw
 * {@link io.github.mp4j.SerializationException} on encode. Encoding writes protocol 4, which every CPython 3.4+ reads.
 *
 * <h2>Type checks</h2>
 * Every global a pickle names ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}; the targets of {@code REDUCE},
 * {@code NEWOBJ} and {@code OBJ} can only be such globals) is judged by the {@link TypePolicy} given to
 * {@link #decode} as soon as it is read, before anything is built: a plain-data global (the rows above, e.g.
 * {@code datetime.datetime}) is judged as the Java type it becomes ({@code java.time.LocalDateTime}, allowed by
 * {@link TypePolicy#defaults()}); any other global is judged by its Python name {@code module.name}. A refused global
 * throws {@link io.github.mp4j.TypeNotAllowedException} naming {@code module.name} (so {@code os.system},
 * {@code builtins.eval}, {@code subprocess.Popen} are refused by default); an allowed one this serializer has no
 * mapping for (say {@code __main__.Point} under {@code allowPackages("__main__")}) throws
 * {@link io.github.mp4j.MissingTypeException} naming it: send such objects as dicts
 * ({@code dataclasses.asdict}). No Python callable is ever invoked and Pyrolite's {@code ClassDict} never stands in
 * for an unknown class. {@code BUILD}, extension codes, persistent ids and out-of-band buffers are refused.
 *
 * <h2>Limits</h2>
 * A declared length larger than the bytes left is refused before allocating; integer and Decimal texts are capped at
 * 4300 digits (CPython's own default); hashing dict keys and set elements is charged to a work budget proportional
 * to the payload length, so keys built from shared references (the nested-collection bomb) fail fast with a
 * {@link io.github.mp4j.DecodeException}. Every failure consumes just the message and carries its bytes.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class PickleSerializer implements Serializer {

    /** Creates the serializer; {@link java.util.ServiceLoader} calls this. */
    public PickleSerializer() {
    }

    /** Returns {@code "pickle"}. */
    @Override
    public String name() {
        return PickleCodec.NAME;
    }

    /**
     * Writes {@code value} (which may be null) as one protocol 4 pickle into {@code out}, without flushing or
     * closing it. On failure {@code out} may have received the start of the pickle.
     *
     * @throws io.github.mp4j.SerializationException naming the type of a value that has no Python counterpart, a
     *         cycle, or nesting deeper than 1000 levels
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out) throws IOException {
        PickleCodec.encode(value, out);
    }

    /**
     * Reads the pickle in {@code payload[offset, offset+length)}, judging every global it names with
     * {@code policy} before building anything.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the payload does not start with a protocol 2-5 PROTO
     * @throws io.github.mp4j.TypeNotAllowedException if the policy refuses a global, named as {@code module.name}
     * @throws io.github.mp4j.MissingTypeException if an allowed global has no Java mapping here
     * @throws io.github.mp4j.DecodeException if the payload is malformed or exceeds a limit
     */
    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        return PickleCodec.decode(this, payload, offset, length, policy);
    }

    /** Whether the payload starts with pickle's PROTO opcode ({@code 0x80}) for protocol 2 to 5. */
    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        return PickleCodec.recognizes(payload, offset, length);
    }

    @Override
    public String toString() {
        return "PickleSerializer[pickle]";
    }
}
