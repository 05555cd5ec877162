package dev.derrick.cli.diff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.derrick.cli.UserInputException;
import dev.derrick.io.InputFiles;
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
    /** The plan format {@code plan --output json} writes ({@code schemaVersion}) and this reader accepts. */
    public static final int SCHEMA_VERSION = 1;
    private static volatile JsonSchema schema;

    private PlanJsonReader() {
    }

    public static Snapshot read(Path file) {
        JsonNode doc;
        try {
            doc = JSON.readTree(InputFiles.readText(file, InputFiles.PLAN_MAX_BYTES));
        } catch (IOException e) {
            var loc = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
            throw new UserInputException(file + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + "; save a plan with ./derrick plan -s STACK --output json > FILE");
        }
        validate(file, doc);
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

    /**
     * Checks the document against the schema of its {@code schemaVersion} (absent: 1, the format before the field).
     * Exit 2 with the JSON path of every bad field, never its value.
     */
    static void validate(Path file, JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new UserInputException(file + ": not a Derrick plan JSON (not a JSON object); save one with ./derrick plan --output json > FILE");
        }
        JsonNode version = doc.path("schemaVersion");
        if (!version.isMissingNode() && !(version.canConvertToInt() && version.isIntegralNumber())) {
            throw new UserInputException(file + ": $.schemaVersion: must be an integer");
        }
        int v = version.isMissingNode() ? 1 : version.asInt();
        if (v != SCHEMA_VERSION) {
            throw new UserInputException(file + ": $.schemaVersion: " + v + " is not a plan format this Derrick reads (it reads "
                    + SCHEMA_VERSION + "); save the plan again with this version");
        }
        var problems = new java.util.TreeSet<String>();
        for (ValidationMessage m : schema().validate(doc)) {
            String where = m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
            problems.add(where + ": " + rule(m));
        }
        if (!problems.isEmpty()) {
            var lines = new ArrayList<>(problems).subList(0, Math.min(10, problems.size()));
            throw new UserInputException(file + ": not a Derrick plan JSON (schema v" + SCHEMA_VERSION + "): " + String.join("; ", lines)
                    + (problems.size() > lines.size() ? "; and " + (problems.size() - lines.size()) + " more" : "")
                    + "; save one with ./derrick plan -s STACK --output json > FILE");
        }
    }

    /** The broken rule in schema words (type, required, ...), without the value found. */
    private static String rule(ValidationMessage m) {
        String type = m.getType();
        Object[] args = m.getArguments();
        return switch (type == null ? "" : type) {
            case "type" -> "must be " + (args != null && args.length > 1 ? args[1] : "another type");
            case "required" -> "missing required field " + (args != null && args.length > 0 ? args[0] : "");
            case "pattern" -> "does not match " + (args != null && args.length > 0 ? args[0] : "the expected pattern");
            case "const" -> "must be " + (args != null && args.length > 0 ? args[0] : "the fixed value");
            default -> "breaks the schema rule " + type;
        };
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            try (var in = PlanJsonReader.class.getResourceAsStream("plan-v1.schema.json")) {
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            schema = s;
        }
        return s;
    }

    private static List<String> strings(JsonNode n) {
        var out = new ArrayList<String>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
