package dev.derrick.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.derrick.cli.StackPlan;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plan as JSON: project, stack, counts and one object per resource. Stable key order. */
public final class JsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonRenderer() {
    }

    /** The plan with its cost and policy verdicts: what {@code plan --output json} prints and {@code diff} reads back. */
    public static Map<String, Object> document(StackPlan sp) {
        Map<String, Object> doc = document(sp.plan());
        doc.put("cost", CostRenderer.json(sp.cost()));
        doc.put("policies", PolicyRenderer.json(sp.policies()));
        // Where Derrick builds something other than what the stack wrote (never silent; see dev.derrick.notice).
        doc.put("notices", dev.derrick.notice.Notices.of(sp.config(), dev.derrick.catalog.Catalog.bundled()).stream().map(n -> n.line()).toList());
        return doc;
    }

    public static String render(StackPlan sp) {
        return write(document(sp));
    }

    /** Streams the document to {@code out} without building it as one string first (large plans). */
    public static void write(Object doc, java.io.Writer out) {
        try {
            JSON.writeValue(new java.io.FilterWriter(out) {
                @Override
                public void close() throws java.io.IOException {
                    flush(); // the caller owns the stream
                }
            }, doc);
            out.write(System.lineSeparator());
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String write(Object doc) {
        try {
            return JSON.writeValueAsString(doc) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> document(Plan plan) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("schemaVersion", dev.derrick.cli.diff.PlanJsonReader.SCHEMA_VERSION);
        doc.put("project", plan.project());
        doc.put("stack", plan.stack());
        doc.put("mode", "preview (offline, Pulumi SDK mock engine)");
        doc.put("markers", Map.of("unknown", PlannedResource.UNKNOWN, "secret", PlannedResource.SECRET));
        doc.put("resourceCount", plan.resources().size());
        var resources = new ArrayList<Map<String, Object>>();
        for (PlannedResource r : plan.resources()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("urn", r.urn());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("parent", r.parent());
            m.put("custom", r.custom());
            m.put("provider", r.provider());
            m.put("protect", r.protect());
            m.put("retainOnDelete", r.retainOnDelete());
            m.put("dependencies", r.dependencies());
            if (!r.aliases().isEmpty()) {
                m.put("aliases", r.aliases());
            }
            m.put("inputs", r.inputs());
            resources.add(m);
        }
        doc.put("resources", resources);
        return doc;
    }

    public static String render(Plan plan) {
        return write(document(plan));
    }
}
