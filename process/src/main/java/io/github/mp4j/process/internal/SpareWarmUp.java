package io.github.mp4j.process.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayInputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a {@linkplain WarmSpares warm spare} does while it waits for its target: the class loading and set-up every
 * child pays before its first message — the installed serializers, a serializable lambda's trip through JDK
 * serialization (the launch spec's path), the HMAC of the authkey handshake, a Unix-domain socket, mp4j's
 * connection, attach, queue and JFR event classes, the log path — so that a taken spare only runs the target. A
 * cold child runs the {@linkplain #runSharedPartInBackground shared part} in the background. Every step is best
 * effort: a failure is left for the real use to report.
 */
final class SpareWarmUp {
    /**
     * Initialised in this order. The JFR event classes are among them: the JVM instruments an event class when it is
     * loaded, and the first one sets up JFR's metadata (some 300 classes, about a second on a loaded machine) even
     * when no recording is on; the attach classes are what a child's first queue or pipe use goes through.
     */
    private static final List<String> CLASSES = List.of(
            "io.github.mp4j.pipe.internal.SocketConnection", "io.github.mp4j.pipe.internal.Handshake",
            "io.github.mp4j.pipe.internal.share.PipeEnd", "io.github.mp4j.pipe.Client",
            "io.github.mp4j.pipe.internal.AuthenticatingAcceptor", "io.github.mp4j.pipe.internal.attach.AttachClient",
            "io.github.mp4j.pipe.internal.attach.AttachService", "io.github.mp4j.pipe.internal.FrameReader",
            "io.github.mp4j.pipe.internal.FrameWriter",
            "io.github.mp4j.pipe.internal.jfr.FrameSentEvent", "io.github.mp4j.pipe.internal.jfr.FrameReceivedEvent",
            "io.github.mp4j.queue.internal.remote.RemoteQueue", "io.github.mp4j.queue.internal.share.QueueView",
            "io.github.mp4j.queue.internal.share.QueueHandle", "io.github.mp4j.queue.internal.QueueAttacher",
            "io.github.mp4j.queue.internal.remote.OwnerLink", "io.github.mp4j.queue.internal.ItemCodec",
            "io.github.mp4j.queue.internal.jfr.QueuePutEvent", "io.github.mp4j.queue.internal.jfr.QueueGetEvent",
            "io.github.mp4j.queue.internal.QueueRegistry", "io.github.mp4j.queue.internal.Queues",
            "io.github.mp4j.queue.internal.QueueErrors", "io.github.mp4j.queue.internal.SessionPage",
            "io.github.mp4j.queue.internal.Wire", "io.github.mp4j.queue.internal.remote.PrefetchWindow",
            "io.github.mp4j.queue.internal.share.JoinableQueueView", "io.github.mp4j.queue.internal.share.QueueKind",
            "io.github.mp4j.internal.LocalProcess", ParentWatch.class.getName(), CurrentIdentity.class.getName(),
            "java.util.concurrent.CompletableFuture");

    private SpareWarmUp() {
    }

    /**
     * The part of the warm-up that a cold child also runs, on a daemon thread while its main thread reads the launch
     * spec: the installed serializers (Kryo's constructor registers some sixty serializers), JFR's event set-up and
     * the log path. On two cores or more they then overlap with the spec's deserialization and the pipe end's attach
     * instead of delaying the first send or receive.
     */
    static void runSharedPartInBackground() {
        DaemonThreads.start("mp4j-child-warm-up", SpareWarmUp::runSharedPart);
    }

    private static void runSharedPart() {
        try {
            Serializers.installed();
        } catch (RuntimeException | ServiceConfigurationError e) {
            debug(e);
        }
        try {
            new RateLimitedLog(System.getLogger(SpareWarmUp.class.getName()), Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            debug(e);
        }
        initialise(CLASSES.stream().filter(name -> name.contains(".jfr.")).collect(Collectors.toList()));
    }

    static void run() {
        runSharedPart();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[32]);
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
            handOverAPipeEnd();
        } catch (Exception | LinkageError e) {
            debug(e);
        }
        initialise(CLASSES);
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
