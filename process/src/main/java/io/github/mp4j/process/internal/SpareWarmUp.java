package io.github.mp4j.process.internal;

import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
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
            ParentWatch.class.getName(), "java.util.concurrent.CompletableFuture");

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
            ProcessTarget lambda = (ProcessTarget & java.io.Serializable) args -> { };
            byte[] spec = SpecChannel.encode(new LaunchSpec(lambda, null, new Object[] {"warm-up"}, "warm-up", 0));
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(spec, 8, spec.length - 8))) {
                in.readObject();
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[32]);
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
            // a frame each way over a real connection: socket options, selector, handshake, default serializer
            try (Pipe pipe = Pipe.open(true)) {
                pipe.first().send("warm-up");
                pipe.second().recv();
            }
        } catch (Exception | LinkageError e) {
            debug(e);
        }
        initialise(CLASSES);
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
