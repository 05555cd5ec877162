package dev.derrick.plan;

import com.pulumi.Context;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans a small program (a component or two) offline, for tests that assert named inputs. */
public final class ComponentPlans {
    private ComponentPlans() {
    }

    public static Plan plan(Consumer<Context> program) {
        return PlanEngine.run("derrick", "test", Map.of(), Set.of(), program);
    }

    /** The resource of {@code type} named {@code name}; fails the test when absent. */
    public static PlannedResource resource(Plan plan, String type, String name) {
        var r = plan.named(type, name);
        assertThat(r).as("%s %s in the plan; planned: %s", type, name,
                plan.resources().stream().map(p -> p.type() + " " + p.name()).toList()).isPresent();
        return r.get();
    }

    /** A map-valued input (read directly: its keys may contain dots, e.g. node labels). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(PlannedResource r, String path) {
        return (Map<String, Object>) Plan.get(r.inputs(), path);
    }
}
