package dev.derrick.cli.diff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.cli.UserInputException;
import dev.derrick.plan.PlannedResource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a saved {@code ./derrick plan --output json} back into a {@link Snapshot}. */
public final class PlanJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJsonReader() {
    }

    public static Snapshot read(Path file) {
        JsonNode doc;
        try {
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + ": not a readable plan JSON (" + e.getClass().getSimpleName()
                    + "); save one with ./derrick plan -s STACK --output json > FILE");
        }
        if (doc == null || !doc.has("resources") || !doc.has("stack")) {
            throw new UserInputException(file + ": not a Derrick plan JSON (no stack/resources); save one with ./derrick plan --output json");
        }
        var resources = new LinkedHashMap<String, PlannedResource>();
        for (JsonNode r : doc.get("resources")) {
            Map<String, Object> inputs = JSON.convertValue(r.path("inputs"), new TypeReference<Map<String, Object>>() { });
            resources.put(r.path("urn").asText(), new PlannedResource(r.path("urn").asText(), r.path("type").asText(), r.path("name").asText(),
                    r.path("parent").isNull() ? null : r.path("parent").asText(null), r.path("custom").asBoolean(),
                    r.path("provider").isNull() ? null : r.path("provider").asText(null), inputs == null ? Map.of() : inputs,
                    r.path("protect").asBoolean(), r.path("retainOnDelete").asBoolean(), strings(r.path("dependencies")), strings(r.path("aliases"))));
        }
        var policies = new LinkedHashMap<String, String>();
        for (JsonNode p : doc.path("policies")) {
            policies.put(p.path("id").asText(), p.path("status").asText());
        }
        JsonNode cost = doc.path("cost");
        return new Snapshot(doc.path("stack").asText(), resources, cost.path("usdPerHourAtMin").asDouble(), cost.path("usdPerHourAtMax").asDouble(),
                cost.path("gpusAtMax").asInt(), policies);
    }

    private static List<String> strings(JsonNode n) {
        var out = new ArrayList<String>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
