package dev.derrick.plan;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the protobuf Struct of a RegisterResource request into plain Java values, marking
 * unknowns and secrets the way the engine's wire format does
 * (sentinel string for unknowns, a signature key for secrets and resource references).
 */
final class StructValues {
    /** Pulumi's wire sentinel for a value not known until apply. */
    static final String UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    private StructValues() {
    }

    static Map<String, Object> toMap(Struct struct) {
        var out = new TreeMap<String, Object>();
        struct.getFieldsMap().forEach((k, v) -> out.put(k, toJava(v)));
        return out;
    }

    static Object toJava(Value v) {
        return switch (v.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> v.getBoolValue();
            case NUMBER_VALUE -> {
                double d = v.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> UNKNOWN_SENTINEL.equals(v.getStringValue()) ? PlannedResource.UNKNOWN : v.getStringValue();
            case LIST_VALUE -> {
                var list = new ArrayList<Object>();
                v.getListValue().getValuesList().forEach(e -> list.add(toJava(e)));
                yield list;
            }
            case STRUCT_VALUE -> {
                Struct s = v.getStructValue();
                Value sig = s.getFieldsMap().get(SIG_KEY);
                if (sig != null) {
                    String kind = sig.getStringValue();
                    if (SECRET_SIG.equals(kind)) {
                        yield PlannedResource.SECRET;
                    }
                    if (RESOURCE_SIG.equals(kind)) {
                        Value urn = s.getFieldsMap().get("urn");
                        yield urn == null ? PlannedResource.UNKNOWN : urn.getStringValue();
                    }
                    if (OUTPUT_SIG.equals(kind)) {
                        Value secret = s.getFieldsMap().get("secret");
                        if (secret != null && secret.getBoolValue()) {
                            yield PlannedResource.SECRET;
                        }
                        Value value = s.getFieldsMap().get("value");
                        yield value == null ? PlannedResource.UNKNOWN : toJava(value);
                    }
                }
                yield toMap(s);
            }
        };
    }
}
