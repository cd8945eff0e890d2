package io.github.mp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Build check: every published module of the reactor (one that does not set {@code maven.deploy.skip} to true)
 * is listed in {@code bom/pom.xml}, so users importing mp4j-bom never miss a version.
 */
class BomCompletenessTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void everyPublishedModuleIsInTheBom() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String bom = Files.readString(root.resolve("bom/pom.xml"));
        List<String> missing = new ArrayList<>();
        Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (modules.find()) {
            String pom = Files.readString(root.resolve(modules.group(1)).resolve("pom.xml"));
            if (modules.group(1).equals("bom") || pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
                continue;
            }
            String artifactId = firstArtifactAfterParent(pom);
            if (!bom.contains("<artifactId>" + artifactId + "</artifactId>")) {
                missing.add(artifactId);
            }
        }
        assertThat(missing).as("published modules missing from bom/pom.xml").isEmpty();
    }

    private static String firstArtifactAfterParent(String pom) {
        int end = pom.indexOf("</parent>");
        Matcher m = ARTIFACT.matcher(pom);
        m.find(end < 0 ? 0 : end);
        return m.group(1);
    }
}
