package io.github.mp4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.spi.fakes.LookupMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Serializers} creates a provider only when a lookup needs it. Each case runs in a fresh JVM (discovery is
 * once per JVM) on this module's test class path, whose providers are, in discovery order: {@code AlphaSerializer}
 * ("alpha"), {@code BetaSerializer} ("beta"), {@code OddProvider} ("odd": its class name does not tell its name) and
 * {@code MisnamedSerializer} ("gamma": its class name misleads).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LazySerializerDiscoveryTest {
    @Test
    void byNameCreatesOnlyTheProviderItFinds() throws Exception {
        assertThat(lookup("byName", "BETA")).isEqualTo("beta created beta same true");
    }

    @Test
    void byNameCreatesEveryProviderWhenNoClassNameMatchesAndStillFindsTheMisnamedOne() throws Exception {
        assertThat(lookup("byName", "gamma")).isEqualTo("gamma created odd,alpha,beta,gamma same true");
    }

    @Test
    void theDefaultCreatesTheChosenProviderAndThoseWhoseClassNameDoesNotTellTheirName() throws Exception {
        assertThat(lookup("default")).isEqualTo("alpha created odd,alpha same true");
    }

    private static String lookup(String... args) throws IOException, InterruptedException {
        String[] command = new String[4 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = LookupMain.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("exit code of the lookup JVM; it printed: %s", out).isZero();
        return out;
    }
}
