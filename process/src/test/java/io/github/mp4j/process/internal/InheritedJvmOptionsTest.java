package io.github.mp4j.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InheritedJvmOptionsTest {
    @Test
    void keepsModuleAccessPreviewAssertionAndPropertyOptions() {
        List<String> input = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports",
                "java.base/sun.nio.ch=ALL-UNNAMED", "--add-reads=a=b", "--add-modules=jdk.incubator.vector",
                "--enable-preview", "-ea", "-da:com.example...", "-Dfoo=bar", "-Dempty");
        assertThat(InheritedJvmOptions.select(input)).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-reads=a=b",
                "--add-modules=jdk.incubator.vector", "--enable-preview", "-ea", "-da:com.example...", "-Dfoo=bar",
                "-Dempty");
    }

    @Test
    void dropsDebuggersAgentsTuningAndLauncherProperties() {
        List<String> input = List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005",
                "-javaagent:/tmp/agent.jar", "-agentpath:/tmp/libagent.so", "-Xrunjdwp:transport=dt_socket",
                "-Xdebug", "-Xmx2g", "-XX:+UseG1GC", "-Djava.class.path=/x.jar", "-Djdk.module.addopens.0=x",
                "-Dsun.java.command=Main", "-Dsun.java.launcher=SUN_STANDARD", "-Djava.home=/jdk");
        assertThat(InheritedJvmOptions.select(input)).isEmpty();
    }
}
