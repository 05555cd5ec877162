package dev.derrick.config;

import dev.derrick.config.TestStacks.Stack;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.derrick.config.TestStacks.FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Loading a test stack and asserting on the one problem it should have (the rules tests of every package extend it). */
public abstract class LoaderTestSupport {
    @TempDir
    protected Path dir;

    protected StackConfig loads(Stack stack) {
        return StackConfigLoader.load(stack.load(dir));
    }

    protected List<ConfigError> errors(Stack stack) {
        RawConfig raw = stack.load(dir);
        try {
            StackConfigLoader.load(raw);
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected configuration problems, but the config loaded:%n%s", stack.yaml());
    }

    protected ConfigError onlyError(Stack stack) {
        List<ConfigError> errors = errors(stack);
        assertThat(errors).as("exactly one problem: %s", errors).hasSize(1);
        return errors.get(0);
    }

    protected ConfigError errorAt(Stack stack, String path) {
        List<ConfigError> errors = errors(stack);
        return errors.stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseGet(() -> fail("no problem at %s; problems: %s", path, errors));
    }

    /** Asserts file, path, problem (substring), value (exact, null = none shown) and hint (substring). */
    protected static void assertError(ConfigError e, String path, String problem, String value, String hint) {
        assertThat(e.file()).as("file of %s", e).isEqualTo(FILE);
        assertThat(e.path()).as("path of %s", e).isEqualTo(path);
        assertThat(e.problem()).as("problem of %s", e).contains(problem);
        assertThat(e.value()).as("value shown in %s", e).isEqualTo(value);
        assertThat(e.hint()).as("hint of %s", e).contains(hint);
    }
}
