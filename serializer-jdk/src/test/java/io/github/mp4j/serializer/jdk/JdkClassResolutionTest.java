package io.github.mp4j.serializer.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.IsolatedSamples;
import io.github.mp4j.testkit.SampleValues;
import io.github.mp4j.testkit.ThisProcess;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.example.mp4j.hostile.Hostile;
import org.example.mp4j.hostile.HostileFlag;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Order;
import org.example.mp4j.samples.SmallRecord;
import org.junit.jupiter.api.Test;

/**
 * How {@link JdkSerializer} resolves classes: policy before loading, missing types, class loaders, proxies,
 * and the exact errors for each.
 */
class JdkClassResolutionTest {
    private static final JdkSerializer SERIALIZER = new JdkSerializer();
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);
    /** The defaults plus this test's own helper classes (the proxy handler, the swallowing wrapper). */
    private static final TypePolicy TEST_HELPERS = TypePolicy.defaults()
            .allowClasses(CountingHandler.class, Swallower.class);

    private static Object decode(byte[] payload, TypePolicy policy) {
        return SERIALIZER.decode(payload, 0, payload.length, policy);
    }

    private static String missing(String type) {
        return "Can't find class " + type + " in process " + ThisProcess.id()
                + " (serializer jdk): add it to this process's class path";
    }

    @Test
    void topLevelTypeAbsentFromThisProcessRaisesMissingTypeNamingItAndTheProcess() {
        byte[] payload = JdkTestPayloads.replace(JdkTestPayloads.encode(SampleValues.smallRecord()),
                SmallRecord.class.getName(), "org.example.mp4j.samples.SmallRecorX");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isInstanceOfSatisfying(MissingTypeException.class, e -> {
                    assertThat(e.typeName()).isEqualTo("org.example.mp4j.samples.SmallRecorX");
                    assertThat(e.process()).isEqualTo(ThisProcess.id());
                    assertThat(e.serializer()).isEqualTo("jdk");
                    assertThat(e.payload()).isEqualTo(payload);
                })
                .hasMessage(missing("org.example.mp4j.samples.SmallRecorX"));
    }

    @Test
    void nestedTypeAbsentFromThisProcessRaisesMissingTypeNamingTheNestedType() {
        byte[] payload = JdkTestPayloads.replace(JdkTestPayloads.encode(SampleValues.order()),
                Customer.class.getName(), "org.example.mp4j.samples.CustomeX");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isExactlyInstanceOf(MissingTypeException.class)
                .hasMessage(missing("org.example.mp4j.samples.CustomeX"));
    }

    @Test
    void arrayOfAbsentTypeRaisesMissingTypeNamingTheElementType() {
        byte[] payload = JdkTestPayloads.replace(
                JdkTestPayloads.encode(new Customer[] {new Customer("a", "b")}),
                "[L" + Customer.class.getName() + ";", "[Lorg.example.mp4j.samples.CustomeX;");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isExactlyInstanceOf(MissingTypeException.class)
                .hasMessage(missing("org.example.mp4j.samples.CustomeX"));
    }

    @Test
    void refusedArrayIsReportedByItsElementType() {
        byte[] payload = JdkTestPayloads.encode(new Customer[] {new Customer("a", "b")});
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Customer.class.getName()));
    }

    @Test
    void refusedClassIsNeverRequestedFromTheClassLoader() {
        byte[] payload = JdkTestPayloads.encode(SampleValues.order());
        RecordingLoader recorder = new RecordingLoader(JdkClassResolutionTest.class.getClassLoader());
        assertThatThrownBy(() -> withContextLoader(recorder, () -> decode(payload, TypePolicy.defaults())))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Order.class.getName()));
        assertThat(recorder.requested).isEmpty();
        Object order = withContextLoader(recorder, () -> decode(payload, SAMPLES));
        assertThat(order).isEqualTo(SampleValues.order());
        assertThat(recorder.requested).contains(Order.class.getName(), Customer.class.getName());
    }

    @Test
    void hostileTypeAllowedByThePolicyIsInitialisedInTheContextLoaderOnly() throws IOException {
        byte[] payload = JdkTestPayloads.encode(IsolatedSamples.hostile());
        try (URLClassLoader isolated = IsolatedSamples.newLoader()) {
            Object hostile = withContextLoader(isolated, () -> decode(payload, TypePolicy.allowAll()));
            assertThat(hostile.getClass().getName()).isEqualTo(Hostile.class.getName());
            assertThat(hostile.getClass().getClassLoader()).isSameAs(isolated);
            assertThat(IsolatedSamples.hostileInitialisedIn(isolated)).isTrue();
        }
        assertThat(HostileFlag.initialised()).isFalse();
    }

    @Test
    void nullContextLoaderFallsBackToTheSerializersOwnLoader() {
        byte[] payload = JdkTestPayloads.encode(SampleValues.order());
        assertThat(withContextLoader(null, () -> decode(payload, SAMPLES))).isEqualTo(SampleValues.order());
    }

    @Test
    void contextLoaderLackingTheClassFallsBackToTheSerializersOwnLoader() {
        byte[] payload = JdkTestPayloads.encode(SampleValues.smallRecord());
        Object value = withContextLoader(ClassLoader.getPlatformClassLoader(), () -> decode(payload, SAMPLES));
        assertThat(value).isEqualTo(SampleValues.smallRecord());
    }

    @Test
    void proxyWithARefusedInterfaceIsRefusedByInterfaceName() {
        byte[] payload = JdkTestPayloads.encode(runnableProxy());
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo("java.lang.Runnable"));
    }

    @Test
    void proxyWithAllowedInterfacesAndProxyBaseDecodes() {
        byte[] payload = JdkTestPayloads.encode(runnableProxy());
        assertThatThrownBy(() -> decode(payload, TEST_HELPERS.allowClasses(Runnable.class)))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo("java.lang.reflect.Proxy"));
        Object proxy = decode(payload, TEST_HELPERS.allowClasses(Runnable.class, Proxy.class));
        assertThat(Proxy.isProxyClass(proxy.getClass())).isTrue();
        assertThat(proxy).isInstanceOf(Runnable.class);
        assertThat(proxy.toString()).isEqualTo("proxy handled by CountingHandler");
    }

    @Test
    void refusalSwallowedByAClassesReadObjectStillRefusesThePayload() {
        byte[] payload = JdkTestPayloads.encode(new Swallower(SampleValues.smallRecord()));
        assertThatThrownBy(() -> decode(payload, TEST_HELPERS))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(SmallRecord.class.getName()));
    }

    @Test
    void trailingBytesAfterTheValueRaiseDecodeException() {
        byte[] value = JdkTestPayloads.encode("x");
        byte[] payload = java.util.Arrays.copyOf(value, value.length + 2);
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults()))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("payload of " + payload.length + " bytes has 2 trailing byte(s) after the encoded value:"
                        + " the payload is corrupt");
    }

    @Test
    void valueReferencingANonSerializableObjectRaisesSerializationExceptionNamingBoth() {
        Object value = new JdkSerializerContractTest.Holder(new Object());
        assertThatThrownBy(() -> JdkTestPayloads.encode(value))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("value of type " + value.getClass().getName() + " cannot be encoded by serializer jdk:"
                        + " java.io.NotSerializableException: java.lang.Object; make it and every object it"
                        + " references Serializable, or choose another serializer");
    }

    @Test
    void offsetAndLengthOutsideTheArrayAreRejected() {
        assertThatThrownBy(() -> SERIALIZER.decode(new byte[4], 2, 3, TypePolicy.defaults()))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static Object runnableProxy() {
        return Proxy.newProxyInstance(JdkClassResolutionTest.class.getClassLoader(), new Class<?>[] {Runnable.class},
                new CountingHandler());
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Records every class name requested through it. */
    static final class RecordingLoader extends ClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }

    /** A serializable invocation handler. */
    static final class CountingHandler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return method.getName().equals("toString") ? "proxy handled by CountingHandler" : null;
        }
    }

    /** Swallows every failure to read its content, as careless readObject methods do. */
    static final class Swallower implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient Object content;

        Swallower(Object content) {
            this.content = content;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeObject(content);
            out.writeObject(List.of("after"));
        }

        private void readObject(ObjectInputStream in) {
            try {
                in.defaultReadObject();
                content = in.readObject();
            } catch (Exception swallowed) {
                content = "swallowed";
            }
        }
    }
}
