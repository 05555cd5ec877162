package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.config.ConfigError;
import dev.derrick.config.ConfigException;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The docs are tested: every ```yaml block of the README, docs/ and the templates' READMEs, and every template stack file,
 * is laid over the dev stack (its derrick: keys replace the dev stack's) and must load without one config problem; every
 * {@code derrick:<key>} the docs mention must be a key Derrick reads.
 */
class DocsSnippetsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FENCE = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
    /** A config key mention: not a resource type (derrick:aws:EksCluster) nor a Maven coordinate (dev.derrick:derrick-cli). */
    private static final Pattern KEY_MENTION = Pattern.compile("(?<![\\w.-])derrick:([a-zA-Z]+)(?![\\w:-])");
    private static final Pattern INLINE = Pattern.compile("(?<![\\w.-])derrick:([a-zA-Z]+): ([^`#\\n]+)");
    /** The monitoring rules' parameter marker ({@code # derrick:param}), not a config key. */
    private static final String RULE_PARAMETER_MARKER = "param";

    /** A snippet: where it is (file:line) and its text. */
    record Snippet(String where, String yaml) {
    }

    static List<Path> docs() throws IOException {
        Path root = Project.root();
        var out = new ArrayList<Path>(List.of(root.resolve("README.md")));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        try (Stream<Path> s = Files.list(root.resolve("templates"))) {
            s.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        return out;
    }

    static List<Snippet> snippets() throws IOException {
        Path root = Project.root();
        var out = new ArrayList<Snippet>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            Matcher m = FENCE.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).lines().count() + 1;
                out.add(new Snippet(root.relativize(doc) + ":" + line, m.group(1)));
            }
        }
        // One-line examples in prose, comments and tables: `derrick:key: value` (up to a backtick, '#' or the line's end).
        var files = new ArrayList<>(docs());
        try (Stream<Path> s = Files.list(root.resolve("templates"))) {
            s.map(d -> d.resolve("Pulumi.dev.yaml")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            var lines = Files.readAllLines(f);
            boolean stackFile = f.toString().endsWith(".yaml"), inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                // Fenced blocks and stack files are loaded whole above; here only prose and comments.
                String prose = stackFile ? (line.contains("#") ? line.substring(line.indexOf('#') + 1) : "") : inFence ? "" : line;
                Matcher m = INLINE.matcher(prose);
                while (m.find()) {
                    String value = m.group(2).strip();
                    if (!value.isEmpty() && !value.startsWith("|") && !value.startsWith(">")) {
                        out.add(new Snippet(root.relativize(f) + ":" + (i + 1) + " (inline)", "derrick:" + m.group(1) + ": " + value + "\n"));
                    }
                }
            }
        }
        try (Stream<Path> s = Files.list(root.resolve("templates"))) {
            for (Path stack : s.map(d -> d.resolve("Pulumi.dev.yaml")).filter(Files::isRegularFile).sorted().toList()) {
                String yaml = Files.readString(stack).replace("${PROJECT}", "myproject");
                // What derrick new writes for a value the template asks for without a default (TemplatesTest gives the same).
                if (Files.readString(stack.resolveSibling("Pulumi.yaml")).contains("derrick:gcpProject:")) {
                    yaml = yaml.replaceFirst("(?m)^config:\n", "config:\n  derrick:gcpProject: ml-inference-dev\n");
                }
                out.add(new Snippet(root.relativize(stack).toString(), yaml));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyConfigSnippet_whenLaidOverTheDevStack_loadsWithoutProblems() throws IOException {
        var snippets = snippets();
        assertThat(snippets).as("README's stack config example is found").anyMatch(s -> s.where().startsWith("README.md:"));
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> {
            JsonNode node = YAML.readTree(s.yaml());
            if (node != null && node.has("apiVersion") && node.has("kind")) {
                // A Kubernetes object the docs show users how to submit (a Job in a team queue): not stack config.
                assertThat(node.path("metadata").isObject()).as("%s: a Kubernetes object has metadata", s.where()).isTrue();
                return;
            }
            JsonNode config = node != null && node.has("config") ? node.get("config") : node;
            assertThat(config).as("%s: a YAML map of config keys", s.where()).isNotNull();
            assertThat(config.isObject()).as("%s: a YAML map of config keys", s.where()).isTrue();
            Path dir = Files.createTempDirectory("derrick-docs");
            Files.copy(Project.root().resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
            Files.createDirectories(dir.resolve("stacks"));
            ObjectNode base = (ObjectNode) YAML.readTree(Project.root().resolve("stacks/Pulumi.dev.yaml").toFile());
            ObjectNode baseConfig = (ObjectNode) base.get("config");
            config.fields().forEachRemaining(e -> baseConfig.set(e.getKey(), e.getValue()));
            Files.writeString(dir.resolve("stacks/Pulumi.docs.yaml"), YAML.writeValueAsString(base));
            try {
                StackConfigLoader.load(StackFiles.load(dir, "docs"));
            } catch (ConfigException e) {
                fail("%s: the documented config does not load:%n%s", s.where(), String.join("\n", e.errors().stream().map(ConfigError::line).toList()));
            } finally {
                try (var files = Files.walk(dir)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }));
    }

    @Test
    void everyDerrickKeyTheDocsMention_isAKeyDerrickReads() throws IOException {
        var unknown = new TreeSet<String>();
        var files = new ArrayList<>(docs());
        try (Stream<Path> s = Files.list(Project.root().resolve("templates"))) {
            s.map(d -> d.resolve("Pulumi.dev.yaml")).filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = KEY_MENTION.matcher(Files.readString(f));
            while (m.find()) {
                if (!StackConfigLoader.KEYS.contains(m.group(1)) && !RULE_PARAMETER_MARKER.equals(m.group(1))) {
                    unknown.add(Project.root().relativize(f) + ": derrick:" + m.group(1));
                }
            }
        }
        assertThat(unknown).as("derrick: keys the docs name that Derrick does not read").isEmpty();
    }
}
