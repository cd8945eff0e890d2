package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurrentProcessTest {

    @Test
    void aJvmThatMp4jDidNotStartIsMainProcessWithoutParent() {
        CurrentProcess me = JvmProcess.currentProcess();
        assertThat(me).isEqualTo(new CurrentProcess("MainProcess", ProcessHandle.current().pid(),
                OptionalLong.empty()));
        assertThat(me.isChild()).isFalse();
    }

    @Test
    void aChildKnowsTheNameItsParentGaveItItsPidAndItsParentsPid() throws Exception {
        long parent = ProcessHandle.current().pid();
        try (JvmProcess p = JvmProcess.builder(args -> {
            CurrentProcess me = JvmProcess.currentProcess();
            System.out.println(me.name() + " " + me.pid() + " " + me.parentPid().getAsLong() + " " + me.isChild());
        }).name("worker-3").redirectOutput(Redirect.PIPE).build()) {
            p.start();
            String line = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8)).readLine();
            p.join();
            assertThat(line).isEqualTo("worker-3 " + p.pid() + " " + parent + " true");
        }
    }

    @Test
    void aChildWithoutAGivenNameHasItsDefaultName() throws Exception {
        try (JvmProcess p = JvmProcess.builder(args -> System.out.println(JvmProcess.currentProcess().name()))
                .redirectOutput(Redirect.PIPE).build()) {
            p.start();
            String line = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8)).readLine();
            p.join();
            assertThat(line).isEqualTo(p.name()).startsWith("JvmProcess-");
        }
    }
}
