package io.github.mp4j.process;

import java.nio.file.Path;

/**
 * A parent JVM for the parent-exit tests: starts one child, prints {@code pid <n>} on stdout, then either exits
 * ({@code daemon}, {@code non-daemon <file>}) or sleeps until killed ({@code orphan}).
 */
public final class MiddleMain {
    private MiddleMain() {
    }

    /**
     * @param args the mode, and for {@code non-daemon} the file its child writes
     */
    public static void main(String[] args) throws Exception {
        JvmProcess child;
        switch (args[0]) {
            case "daemon":
                child = JvmProcess.builder(Targets.SleepForever.class).daemon(true).build();
                break;
            case "non-daemon":
                child = JvmProcess.builder(Targets.SleepThenWrite.class).args(Path.of(args[1]).toString(), 1500L)
                        .build();
                break;
            case "orphan":
                child = JvmProcess.builder(Targets.ReadyThenSleep.class).build();
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        child.start();
        System.out.println("pid " + child.pid());
        System.out.flush();
        if (args[0].equals("orphan")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
