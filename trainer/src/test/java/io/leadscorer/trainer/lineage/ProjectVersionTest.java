package io.leadscorer.trainer.lineage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The version a bundle's lineage records is the one the build's pom declares. */
class ProjectVersionTest {

    @Test
    void isTheVersionOfTheParentPom() throws IOException {
        // Maven runs the tests in the module's directory
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher declared = Pattern.compile("<artifactId>lead-scorer-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(declared.find()).as("the parent pom declares its version").isTrue();

        assertThat(ProjectVersion.current()).isEqualTo(declared.group(1).strip());
    }
}
