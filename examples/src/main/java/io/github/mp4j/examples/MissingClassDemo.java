package io.github.mp4j.examples;

import static io.github.mp4j.examples.Log.log;
import static io.github.mp4j.examples.Log.seg;

import io.github.mp4j.MissingTypeException;
import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.QueueFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens when a process receives an object whose class it does not have — Python's
 * {@code Can't get attribute 'Order' on <module '__main__'>}. The child JVM runs on a class path with the mp4j jars
 * and its own {@link Receiver} class, but not this demo's {@link Order}. The parent puts an {@code Order}, then a
 * string; the child's first {@code get()} raises {@link MissingTypeException} naming the class and the child
 * process, and its second {@code get()} returns the string: one bad message does not spoil the queue.
 *
 * <p>Run with {@code mvn -B -q -pl examples exec:exec -Ddemo=MissingClassDemo}.
 */
public final class MissingClassDemo {
    private MissingClassDemo() {
    }

    /** An application type that only the parent can load. */
    record Order(int id, String item) implements Serializable {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws Exception if the child fails or does not end
     */
    public static void main(String[] args) throws Exception {
        seg("missing class start");
        QueueFactory mp = QueueFactory.builder()
                .typePolicy(TypePolicy.defaults().allowPackages("io.github.mp4j.examples")).build();
        Path receiverClasses = Files.createTempDirectory("mp4j-missing-class-");
        Queue<Object> queue = mp.queue();
        try (JvmProcess child = JvmProcess.builder(Receiver.class).name("receiver").args(queue)
                .classPath(classPathWithout(Order.class, receiverClasses, Receiver.class, Log.class)).build()) {
            child.start();
            Order order = new Order(42, "book");
            log("put " + order + " (class " + Order.class.getName() + ")");
            queue.put(order);
            log("put \"after the order\"");
            queue.put("after the order");
            if (!child.join(java.time.Duration.ofSeconds(60))) {
                throw new IllegalStateException(child.name() + " did not end within 60 s");
            }
            log(child.name() + " exitCode=" + child.exitCode().orElse(-1));
        } finally {
            deleteTree(receiverClasses);
        }
        seg("missing class end");
    }

    /** The child: takes two items and reports what each {@code get()} did. */
    public static final class Receiver implements ProcessTarget {
        /** Made in the child by its class name. */
        public Receiver() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run(Object... args) throws InterruptedException {
            Queue<Object> queue = (Queue<Object>) args[0];
            try {
                log("child got " + queue.get());
            } catch (MissingTypeException e) {
                log("child: MissingTypeException: " + e.getMessage());
                log("child: typeName=" + e.typeName() + " process=" + e.process());
            }
            log("child got \"" + queue.get() + "\"");
        }
    }

    /**
     * This JVM's class path without the entry holding {@code left}, plus {@code extra} with copies of the
     * {@code keep} classes' files (which must not need {@code left}).
     */
    static List<Path> classPathWithout(Class<?> left, Path extra, Class<?>... keep) {
        Path leftOut = codeSource(left);
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(leftOut)) {
                entries.add(Path.of(entry));
            }
        }
        for (Class<?> type : keep) {
            copyClassFile(type, extra);
        }
        entries.add(extra);
        return entries;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the location of " + type.getName() + " is not a file: " + e, e);
        }
    }

    private static void copyClassFile(Class<?> type, Path root) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found on the class path");
            }
            Path target = root.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " into " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
