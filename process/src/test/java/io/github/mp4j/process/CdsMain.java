package io.github.mp4j.process;

/**
 * A parent JVM for the class-data-sharing test: runs two children in turn with {@code classDataSharing(true)} and
 * the class-load log options given as arguments, printing {@code pid <n> exit <code>} for each.
 */
public final class CdsMain {
    private CdsMain() {
    }

    /** @param args JVM options for both children */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 2; i++) {
            try (JvmProcess child = JvmProcess.builder(Targets.PrintArgs.class).args("child", i)
                    .classDataSharing(true).jvmOptions(args).build()) {
                child.start();
                child.join();
                System.out.println("pid " + child.pid() + " exit " + child.exitCode().getAsInt());
            }
        }
    }
}
