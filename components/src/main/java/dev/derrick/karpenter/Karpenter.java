package dev.derrick.karpenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.ec2.Tag;
import com.pulumi.aws.ec2.TagArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.Charts;
import dev.derrick.kubernetes.internal.KubernetesObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karpenter on one EKS cluster, with everything it needs, all in the plan:
 * <ul>
 *   <li>{@code node-role}: the IAM role of Karpenter's nodes (the four managed policies of Karpenter's guide) and its
 *   EKS access entry ({@code EC2_LINUX}); managed node groups keep their own role;</li>
 *   <li>{@code interruption-queue}: the SQS queue of spot interruptions, rebalance recommendations, scheduled health
 *   events, instance state changes and capacity reservation interruptions (one EventBridge rule and target each), with
 *   its policy (EventBridge may send; no plain HTTP);</li>
 *   <li>{@code controller-role}: the controller's IAM role, bound to its service account by EKS Pod Identity (the
 *   {@code eks-pod-identity-agent} add-on and an association), with the six policies of Karpenter's guide scoped to
 *   this cluster;</li>
 *   <li>the discovery tag on the cluster security group (the VPC's private subnets carry it from {@code AwsVpc});</li>
 *   <li>{@code crds} (chart karpenter-crd, so CRD upgrades are Helm upgrades) then {@code release} (chart karpenter,
 *   {@code skipCrds}), pinned in {@link Charts}, the controller on the system node group;</li>
 *   <li>per pool, {@code <pool>-nodeclass} ({@code EC2NodeClass}) and {@code <pool>-nodepool} ({@code NodePool}) from
 *   {@link KarpenterManifests}, after the controller.</li>
 * </ul>
 */
public final class Karpenter extends ComponentResource {
    public static final String TYPE = "derrick:aws:Karpenter";
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "karpenter";
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/";
    /** The node role's managed policies, as Karpenter's v1.14.1 guide (KarpenterNodeRole in its CloudFormation template) lists them. */
    static final List<String> NODE_POLICIES = List.of("AmazonEKS_CNI_Policy", "AmazonEKSWorkerNodePolicy",
            "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore");
    /** The EventBridge rules of the guide's template: rule id to (source, detail-type). */
    static final Map<String, List<String>> EVENT_RULES = rules();

    /** The NodePools, in pool order. */
    public final List<Resource> nodePools;
    public final Output<String> queueName;
    public final Output<String> nodeRoleName;
    /** The cluster's {@code eks-pod-identity-agent} add-on (other Pod Identity users wait for it too). */
    public final Resource podIdentityAgent;

    public Karpenter(String name, KarpenterArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> tags = args.tags();

        // Nodes: role, its policies, its access entry.
        var nodeRole = new Role(name + "-node-role", RoleArgs.builder()
                .name(roleName(args.physicalName(), "-karpenter-node"))
                .assumeRolePolicy(assumeRole("ec2.amazonaws.com", "sts:AssumeRole"))
                .description("Karpenter node role of " + args.physicalName())
                .tags(tags).build(), child);
        var nodeReady = new ArrayList<Resource>();
        for (String policy : NODE_POLICIES) {
            nodeReady.add(new RolePolicyAttachment(name + "-node-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name()).policyArn(AWS_POLICY + policy).build(), child));
        }
        nodeReady.add(new AccessEntry(name + "-node-access", AccessEntryArgs.builder()
                .clusterName(args.clusterName())
                .principalArn(nodeRole.arn())
                .type("EC2_LINUX")
                .tags(tags).build(), child));

        // Interruption queue and the events that feed it.
        var queue = new Queue(name + "-interruption-queue", QueueArgs.builder()
                .name(args.physicalName())
                .messageRetentionSeconds(300)
                .sqsManagedSseEnabled(true)
                .tags(tags).build(), child);
        new QueuePolicy(name + "-interruption-queue-policy", QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(queue.arn().applyValue(Karpenter::queuePolicy))
                .build(), child);
        EVENT_RULES.forEach((id, event) -> {
            var rule = new EventRule(name + "-" + id, EventRuleArgs.builder()
                    .description("Karpenter interruption events of " + args.physicalName() + ": " + event.get(1))
                    .eventPattern(eventPattern(event.get(0), event.get(1)))
                    .tags(tags).build(), child);
            new EventTarget(name + "-" + id + "-target", EventTargetArgs.builder()
                    .rule(rule.name())
                    .targetId("KarpenterInterruptionQueueTarget")
                    .arn(queue.arn()).build(), child);
        });

        // Controller identity: Pod Identity agent, role, policies, association.
        var agent = new Addon(name + "-pod-identity-agent", AddonArgs.builder()
                .clusterName(args.clusterName())
                .addonName("eks-pod-identity-agent")
                .tags(tags).build(), CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(args.hostReady())).build());
        var controllerRole = new Role(name + "-controller-role", RoleArgs.builder()
                .name(roleName(args.physicalName(), "-karpenter"))
                .assumeRolePolicy(assumeRole("pods.eks.amazonaws.com", "sts:AssumeRole\",\"sts:TagSession"))
                .description("Karpenter controller of " + args.physicalName() + " (EKS Pod Identity)")
                .tags(tags).build(), child);
        this.podIdentityAgent = agent;
        var controllerReady = new ArrayList<Resource>(List.of(agent));
        Output<String> arnParts = args.clusterArn();
        for (Map.Entry<String, JsonNode> e : policyDocuments().entrySet()) {
            String policyName = e.getKey();
            Output<String> document = Output.tuple(arnParts, nodeRole.arn(), queue.arn()).applyValue(t ->
                    fill(e.getValue().toString(), t.t1, t.t2, t.t3, args.physicalName(), args.region()));
            var policy = new Policy(name + "-" + policyName, PolicyArgs.builder()
                    .name(roleName(args.physicalName(), "-" + policyName))
                    .description("Karpenter " + policyName + " of " + args.physicalName())
                    .policy(document)
                    .tags(tags).build(), child);
            controllerReady.add(new RolePolicyAttachment(name + "-controller-" + policyName, RolePolicyAttachmentArgs.builder()
                    .role(controllerRole.name()).policyArn(policy.arn()).build(), child));
        }
        controllerReady.add(new PodIdentityAssociation(name + "-pod-identity", PodIdentityAssociationArgs.builder()
                .clusterName(args.clusterName())
                .namespace(NAMESPACE)
                .serviceAccount(SERVICE_ACCOUNT)
                .roleArn(controllerRole.arn())
                .tags(tags).build(), child));
        controllerReady.add(new Tag(name + "-security-group-discovery", TagArgs.builder()
                .resourceId(args.clusterSecurityGroupId())
                .key(KarpenterManifests.DISCOVERY_TAG)
                .value(args.physicalName()).build(), child));
        controllerReady.addAll(nodeReady);

        // In the cluster: CRDs, controller, then one EC2NodeClass + NodePool per pool.
        var provider = new Provider(name + "-provider", ProviderArgs.builder().kubeconfig(args.kubeconfig().asSecret()).build(), child);
        var crds = new Release(name + "-crds", args.charts().release(Charts.KARPENTER_CRD, ReleaseArgs.builder()
                .name("karpenter-crd")
                .namespace(NAMESPACE))
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(args.hostReady())).build());
        var after = new ArrayList<Resource>(controllerReady);
        after.add(crds);
        var release = new Release(name + "-release", args.charts().release(Charts.KARPENTER, ReleaseArgs.builder()
                .name("karpenter")
                .namespace(NAMESPACE))
                .skipCrds(true)
                .timeout(600)
                .values(values(args))
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after).build());

        var pools = new ArrayList<Resource>();
        for (KarpenterArgs.Pool pool : args.pools()) {
            String pn = name + "-" + pool.spec().name();
            var on = CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.of(release, crds)).build();
            Map<String, Object> nodeClass = KarpenterManifests.nodeClass(pool.spec(), roleName(args.physicalName(), "-karpenter-node"),
                    args.physicalName(), args.subnetIds(), tags);
            dev.derrick.network.EksGpuNetwork.nodeClass(spec(nodeClass), pool.spec(), pool.types(), args.physicalName());
            var nc = new KubernetesObject(pn + "-nodeclass", KarpenterManifests.NODECLASS_API, "EC2NodeClass", meta(nodeClass), spec(nodeClass), on);
            Map<String, Object> nodePool = KarpenterManifests.nodePool(pool.spec(), pool.types(), pool.zones());
            pools.add(new KubernetesObject(pn + "-nodepool", KarpenterManifests.NODEPOOL_API, "NodePool", meta(nodePool), spec(nodePool),
                    CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.of(release, nc)).build()));
        }
        this.nodePools = List.copyOf(pools);
        this.queueName = queue.name();
        this.nodeRoleName = nodeRole.name();
        registerOutputs(Map.of("queueName", queueName, "nodeRoleName", nodeRoleName));
    }

    /** The chart's values: this cluster, its interruption queue, the controller on the system node group. */
    static Map<String, Object> values(KarpenterArgs args) {
        var values = new LinkedHashMap<String, Object>();
        values.put("settings", Map.of("clusterName", args.physicalName(), "interruptionQueue", args.physicalName()));
        values.put("serviceAccount", Map.of("name", SERVICE_ACCOUNT));
        values.put("replicas", args.hostReplicas());
        values.put("nodeSelector", Map.of("kubernetes.io/os", "linux", "derrick.dev/pool", args.hostPool()));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static ObjectMetaArgs meta(Map<String, Object> object) {
        var m = (Map<String, Object>) object.get("metadata");
        return ObjectMetaArgs.builder().name((String) m.get("name")).labels((Map<String, String>) m.get("labels")).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }

    /**
     * An IAM name {@code <cluster><suffix>}, at most 64 characters (roles; managed policies allow 128): a long cluster
     * name is cut and keeps a hash of the whole, so two long names stay apart.
     */
    static String roleName(String cluster, String suffix) {
        String full = cluster + suffix;
        if (full.length() <= 64) {
            return full;
        }
        String hash = Integer.toHexString(full.hashCode() & 0x7fffffff);
        return cluster.substring(0, 64 - suffix.length() - hash.length() - 1) + "-" + hash + suffix;
    }

    static String assumeRole(String service, String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                + "\"},\"Action\":[\"" + actions + "\"]}]}";
    }

    static String queuePolicy(String queueArn) {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"EC2InterruptionPolicy\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"sqs.amazonaws.com\"]},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\"},"
                + "{\"Sid\":\"DenyHTTP\",\"Effect\":\"Deny\",\"Action\":\"sqs:*\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}},\"Principal\":\"*\"}]}";
    }

    static String eventPattern(String source, String detailType) {
        return "{\"source\":[\"" + source + "\"],\"detail-type\":[\"" + detailType + "\"]}";
    }

    private static Map<String, List<String>> rules() {
        var m = new LinkedHashMap<String, List<String>>();
        m.put("scheduled-change", List.of("aws.health", "AWS Health Event"));
        m.put("spot-interruption", List.of("aws.ec2", "EC2 Spot Instance Interruption Warning"));
        m.put("rebalance", List.of("aws.ec2", "EC2 Instance Rebalance Recommendation"));
        m.put("instance-state-change", List.of("aws.ec2", "EC2 Instance State-change Notification"));
        m.put("capacity-reservation-interruption", List.of("aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning"));
        return m;
    }

    /** The controller's policy documents (resource controller-policies.json), by name, placeholders unfilled. */
    static Map<String, JsonNode> policyDocuments() {
        try (InputStream in = Karpenter.class.getResourceAsStream("/dev/derrick/karpenter/controller-policies.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            var out = new LinkedHashMap<String, JsonNode>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("policies").fields(); it.hasNext(); ) {
                var e = it.next();
                out.put(e.getKey(), e.getValue());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("controller-policies.json", e);
        }
    }

    /** A policy document with the cluster's values: partition and account come from the cluster's ARN. */
    static String fill(String document, String clusterArn, String nodeRoleArn, String queueArn, String clusterName, String region) {
        String[] arn = clusterArn == null ? new String[0] : clusterArn.split(":");
        String partition = arn.length > 4 ? arn[1] : "aws";
        String account = arn.length > 4 ? arn[4] : "*";
        return document.replace("${Partition}", partition).replace("${Region}", region).replace("${AccountId}", account)
                .replace("${ClusterName}", clusterName).replace("${NodeRoleArn}", nodeRoleArn).replace("${QueueArn}", queueArn);
    }
}
