package io.github.mp4j.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JavaCommandTest {
    @Test
    void commandStartsWithJavaFromJavaHomeAndEndsWithChildMain() {
        List<String> command = JavaCommand.ofThisJvm().command(List.of("-Xmx64m"));
        assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("-Xmx64m", ChildMain.class.getName());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void argumentFileKeepsSpacesQuotesAndBackslashes() throws Exception {
        String odd = "a \"b\" c\\d 'e'";
        Path file = JavaCommand.writeArgFile(List.of("-Dmp4j.odd=" + odd, "-cp", System.getProperty("java.class.path")));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + file, PrintProperty.class.getName(), "mp4j.odd").redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).isZero();
        assertThat(out).isEqualTo(odd + System.lineSeparator());
    }

    /** Prints one system property. */
    public static final class PrintProperty {
        private PrintProperty() {
        }

        /** @param args the property name */
        public static void main(String[] args) {
            System.out.println(System.getProperty(args[0]));
        }
    }
}
