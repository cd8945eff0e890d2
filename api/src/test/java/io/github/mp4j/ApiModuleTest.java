package io.github.mp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the api module exports, read from its compiled {@code module-info.class}. */
class ApiModuleTest {
    private static ModuleDescriptor descriptor() throws Exception {
        Path classes = Path.of(MissingTypeException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void localProcessIsNotInTheSpiPackage() {
        assertThatThrownBy(() -> Class.forName("io.github.mp4j.spi.LocalProcess"))
                .isExactlyInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void internalPackageIsExportedOnlyToMp4jModulesAndSpiToEveryone() throws Exception {
        Map<String, Set<String>> exports = descriptor().exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertThat(exports).containsOnlyKeys("io.github.mp4j", "io.github.mp4j.spi", "io.github.mp4j.internal");
        assertThat(exports.get("io.github.mp4j.spi")).isEmpty();
        assertThat(exports.get("io.github.mp4j.internal"))
                .containsExactlyInAnyOrder("io.github.mp4j.pipe", "io.github.mp4j.process", "io.github.mp4j.queue",
                        "io.github.mp4j.queue.redis");
    }
}
