package io.leadscorer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and the guides in docs/ say only what is there: every {@code ./lead-scorer COMMAND} in their code blocks
 * names a command that {@link LeadScorerLauncher} dispatches (read from its source, so a command added there counts at
 * once), and every relative link points to a file or folder of the repository. On a mismatch the message names the
 * page, the line and what is wrong.
 */
class ReadmeCommandsTest {

    /** The repository root, from the sandbox module's directory (where the tests run). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Path LAUNCHER = Path.of("src/main/java/io/leadscorer/sandbox/LeadScorerLauncher.java");

    /** A command the launcher's {@code main} compares its first argument with. */
    private static final Pattern DISPATCHED = Pattern.compile("command\\.equals\\(\"([^\"]+)\"\\)|case\\s+\"([^\"]+)\"");

    /** {@code ./lead-scorer} and the word after it, if any. */
    private static final Pattern INVOCATION = Pattern.compile("(?<![\\w./-])\\./lead-scorer(?![\\w.-])(?:[ \\t]+([^\\s\\\\]+))?");

    /** A word that stands for a command in an example rather than naming one: {@code COMMAND}, {@code <command>}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z_]*|<[^>]+>");

    /** An inline link or image, {@code [text](target "title")}, and a reference definition, {@code [id]: target}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)|^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)");

    private static final Pattern EXTERNAL = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)");

    @Test
    void everyLeadScorerCommandInACodeBlockIsOneTheLauncherDispatches() throws IOException {
        Set<String> dispatched = dispatchedCommands();
        List<String> unknown = new ArrayList<>();
        int invocations = 0;
        for (Path page : pages()) {
            for (Line line : codeLines(page)) {
                Matcher matcher = INVOCATION.matcher(line.text());
                while (matcher.find()) {
                    invocations++;
                    String command = matcher.group(1);
                    if (command == null || PLACEHOLDER.matcher(command).matches()) {
                        continue;
                    }
                    if (!dispatched.contains(command)) {
                        unknown.add(line.where() + ": ./lead-scorer " + command);
                    }
                }
            }
        }
        assertThat(invocations).as("./lead-scorer commands in the code blocks of README.md and docs/*.md").isPositive();
        assertThat(unknown).as("commands in code blocks that LeadScorerLauncher does not dispatch (it dispatches %s)",
                dispatched).isEmpty();
    }

    @Test
    void everyRelativeLinkPointsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            for (Line line : proseLines(page)) {
                Matcher matcher = LINK.matcher(line.text());
                while (matcher.find()) {
                    String target = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    if (EXTERNAL.matcher(target).find()) {
                        continue;
                    }
                    links++;
                    String path = target.replaceFirst("[#?].*$", "");
                    Path resolved = page.getParent().resolve(path).normalize();
                    if (path.isEmpty() || !resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                        broken.add(line.where() + ": " + target);
                    }
                }
            }
        }
        assertThat(links).as("relative links in README.md and docs/*.md").isPositive();
        assertThat(broken).as("relative links to nothing in the repository").isEmpty();
    }

    @Test
    void theDispatchedCommandsAreReadFromTheLauncher() throws IOException {
        assertThat(dispatchedCommands()).contains("demo", "score", "monitor", "quality", "simulate", "--help")
                .containsAll(LeadScorerLauncher.TRAINER_COMMANDS);
    }

    /**
     * The commands {@link LeadScorerLauncher#main} runs: the trainer's set it holds and every other one its source
     * compares the first argument with.
     */
    static Set<String> dispatchedCommands() throws IOException {
        Set<String> commands = new TreeSet<>(LeadScorerLauncher.TRAINER_COMMANDS);
        Matcher matcher = DISPATCHED.matcher(Files.readString(LAUNCHER));
        while (matcher.find()) {
            commands.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return commands;
    }

    /** README.md and every page directly under docs/ (docs/experiments/ is the record of measurements, not a guide). */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    record Line(Path page, int number, String text) {
        String where() {
            return ROOT.relativize(page) + ":" + number;
        }
    }

    /** The lines inside fenced code blocks. */
    static List<Line> codeLines(Path page) {
        return lines(page, true);
    }

    /** The lines outside fenced code blocks, inline code spans blanked (a link shown as code is not a link). */
    static List<Line> proseLines(Path page) {
        return lines(page, false).stream()
                .map(l -> new Line(l.page(), l.number(), l.text().replaceAll("``.*?``|`[^`]*`", "")))
                .toList();
    }

    private static List<Line> lines(Path page, boolean inCode) {
        List<String> all;
        try {
            all = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> selected = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < all.size(); i++) {
            String text = all.get(i);
            String stripped = text.stripLeading();
            if (fence == null && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                fence = stripped.substring(0, 3);
                continue;
            }
            if (fence != null && stripped.startsWith(fence)) {
                fence = null;
                continue;
            }
            if ((fence != null) == inCode) {
                selected.add(new Line(page, i + 1, text));
            }
        }
        return selected;
    }
}
