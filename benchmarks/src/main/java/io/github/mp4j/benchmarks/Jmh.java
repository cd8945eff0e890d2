package io.github.mp4j.benchmarks;

import io.github.mp4j.benchmarks.internal.BenchOptions;
import io.github.mp4j.benchmarks.internal.Payloads;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Runs the JMH benchmarks (frame codec and serializers) after printing each serializer's payload size for the
 * small item. Arguments are JMH's own, e.g. {@code SerializerBench -p serializer=kryo}:
 *
 * <pre>
 * mvn -B -q -pl benchmarks exec:exec -Dbench=Jmh [-Dbench.args="SerializerBench"]
 * </pre>
 */
public final class Jmh {
    private Jmh() {
    }

    /** Prints the payload sizes, then hands {@code args} (split on whitespace) to JMH's main. */
    public static void main(String[] args) throws Exception {
        System.out.println("payload bytes of the small item (id 12345):");
        for (String name : List.of("jdk", "kryo", "json", "protobuf")) {
            Serializer s = Serializers.byName(name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.encode(Payloads.maker(name).apply(12345), out);
            System.out.printf("  %-9s %4d%n", name, out.size());
        }
        org.openjdk.jmh.Main.main(BenchOptions.split(args).toArray(new String[0]));
    }
}
