package dev.derrick.cli.template.internal;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTextTest {
    private static final String PROJECT = """
            name: p
            # runtime comment
            runtime: java
            template:
              description: d
              config:
                derrick:environment:
                  default: dev

            # comment of the config block
            config:
              aws:region: us-east-1
            """;

    @Test
    void removeTopLevel_whenBlockIsInTheMiddle_keepsEverythingElseAndTheNextKeysComment() {
        String out = YamlText.removeTopLevel(PROJECT, "template");
        assertThat(out).isEqualTo("""
                name: p
                # runtime comment
                runtime: java

                # comment of the config block
                config:
                  aws:region: us-east-1
                """);
    }

    @Test
    void removeTopLevel_whenKeyAbsent_returnsTextUnchanged() {
        assertThat(YamlText.removeTopLevel("name: p\n", "template")).isEqualTo("name: p\n");
    }

    @Test
    void setEntries_whenKeyExists_replacesItWhereItStandsWithItsNestedLines() {
        String stack = """
                config:
                  derrick:environment: prod   # old
                  derrick:clusters:
                  - name: a
                    target: aws

                  derrick:region: us-east-1
                """;
        var entries = new LinkedHashMap<String, List<String>>();
        entries.put("derrick:clusters", List.of("derrick:clusters: []"));
        entries.put("derrick:environment", List.of("derrick:environment: dev"));
        String out = YamlText.setEntries(stack, "config", entries);
        assertThat(out).isEqualTo("""
                config:
                  derrick:environment: dev
                  derrick:clusters: []

                  derrick:region: us-east-1
                """);
    }

    @Test
    void setEntries_whenKeysAreNew_putsThemFirstInTheMapWithItsIndentation() {
        String out = YamlText.setEntries("config:\n    a:b: 1\n", "config", Map.of("x:y", List.of("x:y: 2")));
        assertThat(out).isEqualTo("config:\n    x:y: 2\n    a:b: 1\n");
    }

    @Test
    void setEntries_whenMapAbsent_appendsIt() {
        assertThat(YamlText.setEntries("name: p", "config", Map.of("k:v", List.of("k:v: x"))))
                .isEqualTo("name: p\nconfig:\n  k:v: x\n");
        assertThat(YamlText.setEntries("", "config", Map.of("k:v", List.of("k:v: x")))).isEqualTo("config:\n  k:v: x\n");
    }

    @Test
    void setEntries_whenMapIsInFlowStyle_declines() {
        assertThat(YamlText.setEntries("config: {}\n", "config", Map.of("k:v", List.of("k:v: x")))).isNull();
    }

    @Test
    void scalar_whenYamlWouldReadAnotherType_quotesIt() {
        assertThat(YamlText.scalar("dev")).isEqualTo("dev");
        assertThat(YamlText.scalar("us-east-1")).isEqualTo("us-east-1");
        assertThat(YamlText.scalar("on")).isEqualTo("\"on\"");
        assertThat(YamlText.scalar("1.10")).isEqualTo("\"1.10\"");
        assertThat(YamlText.scalar("a: b")).isEqualTo("\"a: b\"");
        assertThat(YamlText.scalar("")).isEqualTo("\"\"");
        for (String v : List.of("dev", "on", "1.10", "a: b", "x #y", "\"q\"", "")) {
            assertThat(YamlText.parse("k: " + YamlText.scalar(v) + "\n").get("k").asText()).isEqualTo(v);
        }
    }

    @Test
    void key_whenConfigKey_staysPlain() {
        assertThat(YamlText.key("derrick:environment")).isEqualTo("derrick:environment");
        assertThat(YamlText.key("odd key")).isEqualTo("\"odd key\"");
    }
}
