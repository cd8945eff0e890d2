package io.github.mp4j.serializer.kryo;

import static io.github.mp4j.serializer.kryo.Payloads.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.SerializerMismatchException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializers;
import io.github.mp4j.testkit.IsolatedSamples;
import io.github.mp4j.testkit.SampleValues;
import io.github.mp4j.testkit.ThisProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.example.mp4j.geometry.Point;
import org.example.mp4j.hostile.HostileFlag;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Node;
import org.example.mp4j.samples.Order;
import org.example.mp4j.samples.SmallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KryoSerializerTest {
    /** The samples, Point and this test package (ReplacedHandle, Envelope). */
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE,
            Point.class.getPackageName(), KryoSerializerTest.class.getPackageName());
    private final KryoSerializer kryo = new KryoSerializer();

    private Object roundTrip(Object value) {
        byte[] payload = encode(kryo, value);
        return kryo.decode(payload, 0, payload.length, SAMPLES);
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(Serializers.byName("kryo")).isInstanceOf(KryoSerializer.class);
        assertThat(kryo.name()).isEqualTo("kryo");
    }

    @Test
    void payloadStartsWithSignatureAndVersion() {
        byte[] payload = encode(kryo, "x");
        assertThat(Arrays.copyOf(payload, 3)).containsExactly(0x4B, 0xF5, 0x03);
        assertThat(kryo.recognizes(payload, 0, payload.length)).isTrue();
        assertThat(kryo.recognizes(new byte[] {0x4B, (byte) 0xF5}, 0, 2)).isFalse();
        assertThat(Serializers.identify(payload, 0, payload.length)).isEqualTo("kryo");
    }

    @Test
    void decodesPayloadAtAnOffset() {
        byte[] payload = encode(kryo, SampleValues.smallRecord());
        byte[] framed = new byte[payload.length + 10];
        Arrays.fill(framed, (byte) 0x55);
        System.arraycopy(payload, 0, framed, 7, payload.length);
        assertThat(kryo.decode(framed, 7, payload.length, SAMPLES)).isEqualTo(SampleValues.smallRecord());
    }

    @Test
    void cycleSurvives() {
        Node a = (Node) roundTrip(SampleValues.cycle());
        assertThat(a.getName()).isEqualTo("a");
        assertThat(a.getNext().getName()).isEqualTo("b");
        assertThat(a.getNext().getNext()).isSameAs(a);
    }

    @Test
    void sharedReferencesStayShared() {
        Customer ada = new Customer("Ada", "ada@example.org");
        List<String> tags = List.of("t1", "t2");
        List<Object> decoded = castList(roundTrip(new ArrayList<>(List.of(ada, ada, tags, tags))));
        assertThat(decoded.get(0)).isEqualTo(ada).isSameAs(decoded.get(1));
        assertThat(decoded.get(2)).isSameAs(decoded.get(3));
    }

    @Test
    void sharedImmutableCollectionsResolveToTheImmutableCopy() {
        List<String> list = List.of("a");
        Map<String, Integer> map = Map.of("k", 1);
        Set<String> set = Set.of("s");
        List<String> asList = Arrays.asList("p", "q");
        List<Object> decoded = castList(roundTrip(new ArrayList<>(List.of(list, list, map, map, set, set, asList,
                asList))));
        for (int i = 0; i < decoded.size(); i += 2) {
            assertThat(decoded.get(i + 1)).isSameAs(decoded.get(i));
            assertThat(decoded.get(i).getClass()).isSameAs(List.of(list, map, set, asList).get(i / 2).getClass());
        }
    }

    @Test
    void immutableCollectionsStayImmutableAndEqual() {
        for (Object value : SampleValues.immutableCollections()) {
            Object decoded = roundTrip(value);
            assertThat(decoded).isEqualTo(value);
            assertThat(decoded.getClass()).isSameAs(value.getClass());
        }
        List<String> decoded = castList(roundTrip(List.of("x", "y", "z")));
        assertThatThrownBy(() -> decoded.add("w")).isExactlyInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unmodifiableWrappersRoundTrip() {
        List<String> wrapped = Collections.unmodifiableList(new ArrayList<>(List.of("a", "b")));
        Set<Integer> set = Collections.unmodifiableSet(new java.util.HashSet<>(Set.of(1, 2)));
        assertThat(roundTrip(wrapped)).isEqualTo(wrapped).hasSameClassAs(wrapped);
        assertThat(roundTrip(set)).isEqualTo(set).hasSameClassAs(set);
    }

    @Test
    void classWithoutNoArgConstructorRoundTripsWithoutRunningAConstructor() {
        assertThat(roundTrip(new Point(3, -4))).isEqualTo(new Point(3, -4));
    }

    @Test
    void writeReplaceAndReadResolveRun() {
        ReplacedHandle decoded = (ReplacedHandle) roundTrip(new ReplacedHandle("/tmp/mp4j/q1", false));
        assertThat(decoded.address()).isEqualTo("/tmp/mp4j/q1");
        assertThat(decoded.reattached()).isTrue();
    }

    @Test
    void recordsEnumsAndNestedUserTypesRoundTrip() {
        for (Object value : SampleValues.all()) {
            assertThat(roundTrip(value)).isEqualTo(value);
        }
        SmallRecord record = (SmallRecord) roundTrip(SampleValues.smallRecord());
        assertThat(record.tags()).containsExactly("a", "bb", "ccc");
    }

    @Test
    void typesInsideJavaSerializedObjectsGoThroughThePolicy() {
        byte[] payload = encode(kryo, new Envelope(IsolatedSamples.hostile()));
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.Hostile");
        assertThat(HostileFlag.initialised()).isFalse();
        Envelope ok = (Envelope) roundTrip(new Envelope(SampleValues.order()));
        assertThat(ok.content()).isEqualTo(SampleValues.order());
    }

    @Test
    void missingTypeInsideJavaSerializedObjectIsReported() {
        byte[] payload = Payloads.replaceAscii(encode(kryo, new Envelope(SampleValues.order())),
                "samples.Custome", "samples.Kustome");
        MissingTypeException e = catchThrowableOfType(MissingTypeException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.samples.Kustomer");
    }

    @Test
    @Timeout(60)
    void corruptedJavaSerializedObjectsRaiseOnlyDecodeException() {
        byte[] good = encode(kryo, new Envelope(SampleValues.order()));
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] payload = good.clone();
            payload[3 + random.nextInt(payload.length - 3)] = (byte) random.nextInt(256);
            try {
                kryo.decode(payload, 0, payload.length, SAMPLES);
            } catch (DecodeException expected) {
                assertThat(expected.payload()).isEqualTo(payload);
            }
        }
    }

    /** Names an earlier decode allowed are recognised in the payload's bytes: only under the same policy. */
    @Test
    void aClassNameAllowedByOnePolicyIsJudgedAgainWhenTheNextDecodeHasAnother() {
        byte[] payload = encode(kryo, SampleValues.smallRecord());
        for (int i = 0; i < 3; i++) {
            assertThat(kryo.decode(payload, 0, payload.length, SAMPLES)).isEqualTo(SampleValues.smallRecord());
        }
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, TypePolicy.defaults()));
        assertThat(e).hasMessageStartingWith("type org.example.mp4j.samples.SmallRecord is not allowed");
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(kryo.decode(payload, 0, payload.length, SAMPLES)).isEqualTo(SampleValues.smallRecord());
    }

    @Test
    void hostileTypeIsRefusedBeforeItsInitialiserRuns() {
        byte[] payload = encode(kryo, IsolatedSamples.hostile());
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, TypePolicy.defaults()));
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.Hostile");
        assertThat(e).hasMessage("type org.example.mp4j.hostile.Hostile is not allowed by the TypePolicy"
                + " (serializer kryo); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(HostileFlag.initialised()).isFalse();
    }

    /** Kryo writes no class name for a final field type: the declared type must still pass the policy. */
    @Test
    void refusedFinalFieldTypeIsRefusedBeforeItsInitialiserRuns() {
        byte[] payload = encode(kryo, IsolatedSamples.holderOfFinalHostile());
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e).hasMessage("type org.example.mp4j.hostile.FinalHostile is not allowed by the TypePolicy"
                + " (serializer kryo); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.FinalHostile");
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(HostileFlag.finalInitialised()).isFalse();
    }

    /** The same at send time: a final field type the sender's policy refuses fails the encode. */
    @Test
    void encodeRefusesAFinalFieldTypeThePolicyRefuses() {
        Object holder = IsolatedSamples.holderOfFinalHostile();
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.encode(holder, new java.io.ByteArrayOutputStream(), SAMPLES));
        assertThat(e).isNotNull();
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.FinalHostile");
    }

    @Test
    void nestedHostileTypeIsRefusedBeforeItsInitialiserRuns() {
        byte[] payload = encode(kryo, new ArrayList<>(List.of("ok", IsolatedSamples.hostile())));
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.Hostile");
        assertThat(HostileFlag.initialised()).isFalse();
    }

    @Test
    void policyIsAskedOnEveryCallEvenForClassesLoadedBefore() {
        byte[] payload = encode(kryo, SampleValues.order());
        assertThat(kryo.decode(payload, 0, payload.length, SAMPLES)).isEqualTo(SampleValues.order());
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, TypePolicy.defaults()));
        assertThat(e.typeName()).isEqualTo(Order.class.getName());
        assertThat(kryo.decode(payload, 0, payload.length, TypePolicy.allowAll())).isEqualTo(SampleValues.order());
    }

    @Test
    void nestedMissingTypeNamesTheTypeAndThisProcess() {
        byte[] payload = Payloads.replaceAscii(encode(kryo, SampleValues.order()), "samples.Custome",
                "samples.Kustome");
        MissingTypeException e = catchThrowableOfType(MissingTypeException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e.typeName()).isEqualTo("org.example.mp4j.samples.Kustomer");
        assertThat(e.process()).isEqualTo(ThisProcess.id());
        assertThat(e).hasMessage("Can't find class org.example.mp4j.samples.Kustomer in process "
                + ThisProcess.id() + " (serializer kryo): add it to this process's class path");
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(kryo.decode(encode(kryo, "next"), 0, encode(kryo, "next").length, SAMPLES)).isEqualTo("next");
    }

    @Test
    void jdkPayloadRaisesMismatchNamingJdk() {
        byte[] payload = encode(Serializers.byName("jdk"), "hello");
        SerializerMismatchException e = catchThrowableOfType(SerializerMismatchException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e.writtenBy()).isEqualTo("jdk");
        assertThat(e).hasMessage("payload was written by serializer 'jdk' but this end decodes with 'kryo':"
                + " configure both ends with the same serializer");
    }

    @Test
    void otherFormatVersionIsADecodeError() {
        byte[] payload = encode(kryo, "x");
        payload[2] = 9;
        assertThatThrownBy(() -> kryo.decode(payload, 0, payload.length, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("kryo payload has format version 9 but this end reads version 3: use the same mp4j"
                        + " version on both ends");
    }

    @Test
    void trailingBytesAreADecodeError() {
        byte[] good = encode(kryo, "x");
        byte[] payload = Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> kryo.decode(payload, 0, payload.length, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("kryo payload has 2 bytes after the value ends (payload length " + payload.length
                        + "): the payload is corrupt");
    }

    @Test
    void hugeClaimedStringLengthIsRefusedBeforeAllocating() {
        // header (format 3), class id of String (1 + 2), byte count 2^30-2 (plus one), two bytes; a string carries
        // no reference marker since format 3
        byte[] payload = {0x4B, (byte) 0xF5, 3, 3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x03, 'a', 'b'};
        assertThatThrownBy(() -> kryo.decode(payload, 0, payload.length, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("kryo payload of 11 bytes cannot be decoded: KryoException: corrupt payload: string"
                        + " claims 1073741822 bytes but only 2 bytes remain; the payload is corrupt or was"
                        + " written by an incompatible peer");
    }

    @Test
    void hugeClaimedCollectionSizeIsRefusedBeforeAllocating() {
        byte[] good = encode(kryo, new ArrayList<>(List.of(1, 2, 3)));
        // the collection header: varint flag byte "same type, 3 elements" (0x80 | 4) follows the class name
        int at = indexOf(good, (byte) 0x84);
        byte[] payload = new byte[good.length + 4];
        System.arraycopy(good, 0, payload, 0, at);
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        System.arraycopy(huge, 0, payload, at, huge.length);
        System.arraycopy(good, at + 1, payload, at + huge.length, good.length - at - 1);
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> kryo.decode(payload, 0, payload.length, SAMPLES));
        assertThat(e).isExactlyInstanceOf(DecodeException.class);
        assertThat(e).hasMessage("kryo payload of " + payload.length + " bytes cannot be decoded: KryoException:"
                + " corrupt payload: java.util.ArrayList claims 1073741822 elements but only 5 bytes remain; the"
                + " payload is corrupt or was written by an incompatible peer");
    }

    @Test
    @Timeout(60)
    void everyTruncationOfAValidPayloadIsADecodeError() {
        byte[] good = encode(kryo, SampleValues.order());
        for (int length = 0; length < good.length; length++) {
            int n = length;
            assertThatThrownBy(() -> kryo.decode(good, 0, n, SAMPLES)).as("length %d", n)
                    .isInstanceOf(DecodeException.class);
        }
    }

    @Test
    @Timeout(60)
    void garbageAfterTheSignatureIsADecodeErrorOrAValue() {
        byte[] header = Arrays.copyOf(encode(kryo, "header"), 3);
        java.util.Random random = new java.util.Random(4);
        int decoded = 0;
        int refusedByKryo = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] payload = new byte[3 + random.nextInt(40)];
            random.nextBytes(payload);
            System.arraycopy(header, 0, payload, 0, 3);
            try {
                kryo.decode(payload, 0, payload.length, SAMPLES);
                decoded++;
            } catch (DecodeException expected) {
                // the only failure allowed; it must come from Kryo's reading, not from the header checks
                assertThat(expected).as("payload #%d", i).hasMessageNotContaining("format version");
                refusedByKryo++;
            }
        }
        assertThat(decoded + refusedByKryo).isEqualTo(5_000);
        assertThat(refusedByKryo).as("random bodies refused by Kryo's reading").isPositive();
        assertThat(kryo.decode(encode(kryo, "still works"), 0, encode(kryo, "still works").length, SAMPLES))
                .isEqualTo("still works");
    }

    @Test
    void unencodableValueRaisesSerializationExceptionNamingTheType() {
        Thread thread = new Thread(() -> { });
        SerializationException e = catchThrowableOfType(SerializationException.class,
                () -> encode(kryo, thread));
        assertThat(e).isExactlyInstanceOf(SerializationException.class);
        assertThat(e.serializer()).isEqualTo("kryo");
        assertThat(e.getMessage()).startsWith("kryo cannot encode a value of type java.lang.Thread: ");
        assertThat(roundTrip("next")).isEqualTo("next");
    }

    @Test
    void lambdaIsRefusedAtEncodeBecauseNoOtherProcessCanLoadIt() {
        Runnable lambda = () -> { };
        SerializationException e = catchThrowableOfType(SerializationException.class, () -> encode(kryo, lambda));
        assertThat(e).isExactlyInstanceOf(SerializationException.class);
        assertThat(e).hasMessage("kryo cannot encode a value of type " + lambda.getClass().getName()
                + ": KryoException: " + lambda.getClass().getName() + " is a lambda or other hidden class, which no"
                + " other process can load by name; send an instance of a named class instead");
    }

    @Test
    @Timeout(60)
    void tooDeepGraphRaisesSerializationExceptionNotStackOverflow() throws Exception {
        Node head = new Node("0");
        Node tail = head;
        for (int i = 1; i < 1_000_000; i++) {
            Node next = new Node(Integer.toString(i));
            tail.setNext(next);
            tail = next;
        }
        Node chain = head;
        SerializationException e = catchThrowableOfType(SerializationException.class, () -> encode(kryo, chain));
        assertThat(e).hasMessage("kryo cannot encode a value of type org.example.mp4j.samples.Node: the object"
                + " graph is nested too deeply for this thread's stack");
        assertThat(roundTrip("next")).isEqualTo("next");
    }

    @Test
    @Timeout(60)
    void tooDeepPayloadRaisesDecodeExceptionNotStackOverflow() throws Exception {
        List<Object> root = new ArrayList<>();
        List<Object> inner = root;
        for (int i = 0; i < 20_000; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        byte[][] payload = new byte[1][];
        Thread bigStack = new Thread(null, () -> payload[0] = encode(kryo, root), "big-stack", 512L << 20);
        bigStack.start();
        bigStack.join();
        Throwable[] thrown = new Throwable[1];
        Thread smallStack = new Thread(null, () -> {
            try {
                kryo.decode(payload[0], 0, payload[0].length, SAMPLES);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 256L << 10);
        smallStack.start();
        smallStack.join();
        assertThat(thrown[0]).isExactlyInstanceOf(DecodeException.class)
                .hasMessage("kryo payload of " + payload[0].length + " bytes cannot be decoded: the object graph is"
                        + " nested too deeply for this thread's stack; decode on a thread with a larger stack, or"
                        + " send a shallower object graph");
        assertThat(roundTrip("next")).isEqualTo("next");
    }

    @Test
    @Timeout(120)
    void concurrentCallsDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        SmallRecord value = new SmallRecord(id * 100_000 + i, "n" + i, List.of("t" + id), i);
                        assertThat(roundTrip(value)).isEqualTo(value);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeByteArrayRoundTrips() {
        byte[] big = SampleValues.bytes(5 * 1024 * 1024 + 3);
        assertThat((byte[]) roundTrip(big)).isEqualTo(big);
    }

    @Test
    void nullRoundTrips() {
        assertThat(roundTrip(null)).isNull();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte " + b + " not found");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(Object value) {
        return (List<T>) value;
    }
}
