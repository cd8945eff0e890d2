package com.example.modular;

import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;

/** Round-trips a {@link Point} through a child JVM; exits with 1 unless everything ran as named modules. */
public final class Main {
    private static final String EXPECTED = "com.example.modular,io.github.mp4j.queue,io.github.mp4j.process";

    private Main() {
    }

    /**
     * Runs the check.
     *
     * @param args ignored
     * @throws Exception if the round trip fails
     */
    public static void main(String[] args) throws Exception {
        QueueFactory mp = QueueFactory.builder()
                .typePolicy(TypePolicy.defaults().allowPackages("com.example.modular")).build();
        Queue<Object> requests = mp.queue();
        Queue<Object> answers = mp.queue();
        Object answer;
        Object childModules;
        try (JvmProcess child = JvmProcess.builder(Echo.class).args(requests, answers).build()) {
            child.start();
            requests.put(new Point(1, 2));
            answer = answers.get(Duration.ofSeconds(60));
            childModules = answers.get(Duration.ofSeconds(60));
            child.join(Duration.ofSeconds(60));
            System.out.println("module-path consumer: serializer=" + mp.connectionOptions().serializer().name()
                    + " parent=" + modules() + " child=" + childModules + " answer=" + answer + " child exit="
                    + child.exitCode());
            boolean ok = answer.equals(new Point(2, 3)) && EXPECTED.equals(modules())
                    && EXPECTED.equals(childModules) && child.exitCode().orElse(-1) == 0;
            if (!ok) {
                System.err.println("module-path consumer: FAILED; expected answer Point[x=2, y=3] and modules "
                        + EXPECTED + " in both JVMs");
                System.exit(1);
            }
        }
    }

    /** The modules of this class, QueueFactory and JvmProcess, comma-separated ("null" for unnamed). */
    static String modules() {
        return Main.class.getModule().getName() + "," + QueueFactory.class.getModule().getName() + ","
                + JvmProcess.class.getModule().getName();
    }
}
