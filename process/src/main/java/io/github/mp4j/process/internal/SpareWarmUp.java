package io.github.mp4j.process.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a {@linkplain WarmSpares warm spare} does while it waits for its target: the class loading and set-up a
 * child pays before its first message — the installed serializers, the log path, the HMAC of the authkey handshake,
 * and a rehearsal of the hand-over itself (a launch spec holding a serializable lambda and a pipe end read back as
 * {@link ChildMain} reads one, the end attached over a shared-memory ring, a frame each way), then mp4j's connection,
 * attach and queue classes, and the JDK's wait for its parent's exit — so that a taken spare only runs the target.
 * JFR is not set up: mp4j creates its events only while a recording runs. Every step is best effort: a failure is left for the real use to report.
 */
final class SpareWarmUp {
    /** Initialised in this order: what a child's first queue or pipe use goes through. */
    private static final List<String> CLASSES = List.of(
            "io.github.mp4j.pipe.internal.SocketConnection", "io.github.mp4j.pipe.internal.Handshake",
            "io.github.mp4j.pipe.internal.share.PipeEnd", "io.github.mp4j.pipe.Client",
            "io.github.mp4j.pipe.internal.AuthenticatingAcceptor", "io.github.mp4j.pipe.internal.attach.AttachClient",
            "io.github.mp4j.pipe.internal.attach.AttachService", "io.github.mp4j.pipe.internal.FrameReader",
            "io.github.mp4j.pipe.internal.FrameWriter", "io.github.mp4j.pipe.internal.jfr.FrameEvents",
            "io.github.mp4j.queue.internal.remote.RemoteQueue", "io.github.mp4j.queue.internal.share.QueueView",
            "io.github.mp4j.queue.internal.share.QueueHandle", "io.github.mp4j.queue.internal.QueueAttacher",
            "io.github.mp4j.queue.internal.remote.OwnerLink", "io.github.mp4j.queue.internal.remote.Requests",
            "io.github.mp4j.queue.internal.ItemCodec",
            "io.github.mp4j.queue.internal.QueueRegistry", "io.github.mp4j.queue.internal.Queues",
            "io.github.mp4j.queue.internal.QueueErrors", "io.github.mp4j.queue.internal.SessionPage",
            "io.github.mp4j.queue.internal.Wire", "io.github.mp4j.queue.internal.remote.PrefetchWindow",
            "io.github.mp4j.queue.internal.share.JoinableQueueView", "io.github.mp4j.queue.internal.share.QueueKind",
            "io.github.mp4j.internal.LocalProcess", ParentWatch.class.getName(), CurrentIdentity.class.getName(),
            "java.util.concurrent.CompletableFuture");

    /** Record handles a target's arguments often hold, read back once (see {@link #readBackWithoutValues}). */
    private static final List<String> RECORD_HANDLES = List.of("io.github.mp4j.queue.internal.share.QueueHandle");

    private SpareWarmUp() {
    }

    static void run() {
        try {
            Serializers.installed(); // Kryo's constructor alone registers some sixty serializers
        } catch (RuntimeException | ServiceConfigurationError e) {
            debug(e);
        }
        try {
            new RateLimitedLog(System.getLogger(SpareWarmUp.class.getName()), Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            debug(e);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[32]);
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
            handOverAPipeEnd();
        } catch (Exception | LinkageError e) {
            debug(e);
        }
        try {
            // ParentWatch's onExit, with the JDK's process-reaper pool behind it, set up before the spare is taken
            ProcessHandle.current().parent().ifPresent(ProcessHandle::onExit);
        } catch (RuntimeException e) {
            debug(e);
        }
        initialise(CLASSES);
        for (String handle : RECORD_HANDLES) {
            readBackWithoutValues(handle);
        }
    }

    /**
     * Serializes an instance of the record class {@code name} whose components are all null or zero and reads it
     * back under {@link HandleRules#trustedParent()}, as {@link ChildMain} reads a launch spec: the JDK builds (and
     * caches, per class) the method handles that deserialize that record — tens of milliseconds in a fresh JVM for
     * a ten-component record — before a taken spare meets a real one. The record's {@code readResolve} then refuses
     * the empty handle (a queue handle without a kind: {@code HandleRefusedException}), which is expected here.
     */
    private static void readBackWithoutValues(String name) {
        try {
            Class<?> type = Class.forName(name, true, SpareWarmUp.class.getClassLoader());
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = zero(types[i]);
            }
            Object record = type.getDeclaredConstructor(types).newInstance(values);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(record);
            }
            HandleRules.trustedParent().within(() -> {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    return in.readObject();
                }
            });
        } catch (Exception | LinkageError e) {
            debug(e); // the empty handle refused (expected), or that module is not on this class path
        }
    }

    private static Object zero(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? Boolean.FALSE : type == long.class ? 0L : type == double.class ? 0.0
                : type == float.class ? 0.0f : type == char.class ? (Object) '\0' : type == byte.class ? (byte) 0
                : type == short.class ? (Object) (short) 0 : 0;
    }

    /**
     * What a taken spare does first, rehearsed on a pipe of its own: a launch spec holding a serializable lambda and a
     * pipe end goes through {@link SpecChannel} and is read back under {@link HandleRules#trustedParent()}, as
     * {@link ChildMain} reads the real one (JDK deserialization of a record handle); the end read back then attaches
     * to this JVM's attach service (socket connect, selector, HMAC handshake, attach request, shared-memory ring set-up
     * under the default transport) and carries a frame each way.
     */
    private static void handOverAPipeEnd() throws Exception {
        ProcessTarget lambda = (ProcessTarget & java.io.Serializable) args -> { };
        try (Pipe pipe = Pipe.open(true)) {
            byte[] spec = SpecChannel.encode(new LaunchSpec(lambda, null, new Object[] {pipe.second()}, "warm-up", 0));
            LaunchSpec read = HandleRules.trustedParent().within(() -> SpecChannel.read(new ByteArrayInputStream(spec)));
            try (Connection handed = (Connection) read.args()[0]) {
                handed.send("warm-up");
                pipe.first().recv();
                pipe.first().send("warm-up");
                handed.recv();
            }
        }
    }

    private static void initialise(List<String> names) {
        ClassLoader loader = SpareWarmUp.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                debug(e); // e.g. mp4j-queue is not on this class path
            }
        }
    }

    private static void debug(Throwable e) {
        System.getLogger(SpareWarmUp.class.getName()).log(System.Logger.Level.DEBUG,
                "warm spare warm-up step failed: {0}", e.toString());
    }
}
