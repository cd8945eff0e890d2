package io.github.mp4j.process;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Targets run by the tests' child JVMs. */
public final class Targets {
    private Targets() {
    }

    /** Prints its arguments, comma-separated, on one line of stdout. */
    public static final class PrintArgs implements ProcessTarget {
        @Override
        public void run(Object... args) {
            System.out.println(String.join(",", Arrays.stream(args).map(String::valueOf).toArray(String[]::new)));
        }
    }

    /** Sleeps until ended from outside. */
    public static final class SleepForever implements ProcessTarget {
        @Override
        public void run(Object... args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Prints "ready" on stdout, then sleeps until ended from outside. */
    public static final class ReadyThenSleep implements ProcessTarget {
        @Override
        public void run(Object... args) throws InterruptedException {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Sleeps args[1] milliseconds, then writes "done" to the file args[0]. */
    public static final class SleepThenWrite implements ProcessTarget {
        @Override
        public void run(Object... args) throws Exception {
            Thread.sleep((Long) args[1]);
            Files.writeString(Path.of((String) args[0]), "done");
        }
    }

    /** Has no no-arg constructor. */
    public static final class NeedsArgument implements ProcessTarget {
        /** @param ignored anything */
        public NeedsArgument(String ignored) {
        }

        @Override
        public void run(Object... args) {
        }
    }

    /** Writes its process name, the main thread's name and what System.in yields to stdout. */
    public static final class DescribeSelf implements ProcessTarget {
        @Override
        public void run(Object... args) throws Exception {
            OutputStream out = System.out;
            out.write((Thread.currentThread().getName() + " stdin=" + System.in.read() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
