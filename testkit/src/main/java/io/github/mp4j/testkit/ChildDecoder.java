package io.github.mp4j.testkit;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.example.mp4j.hostile.HostileFlag;

/**
 * The child side of the cross-process serializer tests. Reads payloads from stdin, each as a 4-byte big-endian
 * length and the bytes, until EOF; decodes each with the serializer named by {@code args[0]} and the policy
 * {@code TypePolicy.defaults().allowPackages(args[1..])}; and writes to stdout:
 * <pre>
 * READY &lt;pid@host&gt;
 * OK &lt;className&gt; &lt;toString&gt;          (one line per payload, or)
 * ERR &lt;exceptionSimpleName&gt; &lt;message&gt;
 * DONE hostileInitialised=&lt;true|false&gt;
 * </pre>
 * Line breaks inside a value or message are written as {@code \n}. Started by {@link ChildDecoders}.
 */
public final class ChildDecoder {
    private ChildDecoder() {
    }

    /**
     * Runs the child.
     *
     * @param args the serializer name, then the packages to allow beyond the defaults
     */
    public static void main(String[] args) throws IOException {
        Serializer serializer = Serializers.byName(args[0]);
        String[] packages = Arrays.copyOfRange(args, 1, args.length);
        TypePolicy policy = packages.length == 0 ? TypePolicy.defaults()
                : TypePolicy.defaults().allowPackages(packages);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("READY " + LocalProcess.id());
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        byte[] payload;
        while ((payload = next(in)) != null) {
            out.println(describe(serializer, payload, policy));
        }
        out.println("DONE hostileInitialised=" + HostileFlag.initialised());
    }

    private static byte[] next(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private static String describe(Serializer serializer, byte[] payload, TypePolicy policy) {
        try {
            Object value = serializer.decode(payload, 0, payload.length, policy);
            return "OK " + (value == null ? "null" : value.getClass().getName()) + " " + oneLine(String.valueOf(value));
        } catch (RuntimeException e) {
            return "ERR " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage());
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replace("\r", "\\r").replace("\n", "\\n");
    }
}
