package dev.derrick.azure;

import com.pulumi.azurenative.containerregistry.Registry;
import com.pulumi.azurenative.containerregistry.RegistryArgs;
import com.pulumi.azurenative.containerregistry.inputs.PoliciesArgs;
import com.pulumi.azurenative.containerregistry.inputs.QuarantinePolicyArgs;
import com.pulumi.azurenative.containerregistry.inputs.RetentionPolicyArgs;
import com.pulumi.azurenative.containerregistry.inputs.SkuArgs;
import com.pulumi.azurenative.containerregistry.inputs.TrustPolicyArgs;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.RegistrySpec;

import java.util.Map;

/**
 * An Azure Container Registry in its own resource group, with the admin user off (pull with the
 * cluster's managed identity or workload identity, never a shared password).
 *
 * <p>What the provider exposes (azure-native 2.10, default API version of
 * {@code containerregistry}) and what Derrick sets: {@code policies} has {@code retentionPolicy}
 * (days to keep untagged manifests), {@code quarantinePolicy}, {@code trustPolicy} (content
 * trust) and {@code exportPolicy}; the API accepts retention, quarantine and trust only on the
 * <b>Premium</b> SKU. Derrick uses Premium and sets: retention enabled with
 * {@code untaggedExpireDays}; quarantine disabled (with it, every pushed image stays unpullable
 * until a scanner marks it); trust disabled (Docker Content Trust is being retired in favour of
 * Notation signatures). Nothing in the registry API maps to {@code immutableTags} (tag locks are
 * per repository or tag, set with the data-plane {@code az acr repository update}),
 * {@code keepLastImages} (needs an ACR task running {@code acr purge}) or {@code scanOnPush}
 * (Microsoft Defender for Containers, a subscription-wide plan Derrick does not switch on).
 */
public final class AcrRegistry extends ComponentResource {
    public static final String TYPE = "derrick:azure:AcrRegistry";
    /** Retention, quarantine and trust policies are Premium-only in the ACR API. */
    public static final String SKU = "Premium";

    public final Output<String> loginServer;

    public AcrRegistry(String name, RegistrySpec spec, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var protect = CustomResourceOptions.builder().parent(this).protect(spec.protect()).build();
        var group = new ResourceGroup(name + "-rg", ResourceGroupArgs.builder().location(spec.region()).tags(tags).build(), protect);
        var registry = new Registry(name, RegistryArgs.builder()
                .resourceGroupName(group.name())
                .location(spec.region())
                .sku(SkuArgs.builder().name(SKU).build())
                .adminUserEnabled(false)
                .policies(PoliciesArgs.builder()
                        .retentionPolicy(RetentionPolicyArgs.builder().status("enabled").days(spec.untaggedExpireDays()).build())
                        .quarantinePolicy(QuarantinePolicyArgs.builder().status("disabled").build())
                        .trustPolicy(TrustPolicyArgs.builder().status("disabled").build())
                        .build())
                .tags(tags)
                .build(), protect);
        this.loginServer = registry.loginServer();
        registerOutputs(Map.of("loginServer", loginServer));
    }
}
