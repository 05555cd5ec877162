package dev.derrick.aws;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.internal.Cidr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC for one EKS cluster: per zone one private subnet (nodes) and one public subnet (load
 * balancers, the NAT gateway), one internet gateway and a single NAT gateway for egress (one,
 * not one per zone: GPU clusters pull large images through it, but a NAT per zone triples its
 * fixed cost; make it per zone when zone-failure egress matters more).
 */
public final class AwsVpc extends ComponentResource {
    public static final String TYPE = "derrick:aws:Vpc";

    public final Output<String> vpcId;
    /** Private subnet ids, in the order of {@code zones}. */
    public final List<Output<String>> privateSubnetIds;
    public final List<String> zones;

    public AwsVpc(String name, String cidrBlock, List<String> zones, Map<String, String> tags, ComponentResourceOptions options) {
        this(name, cidrBlock, zones, tags, Map.of(), options);
    }

    /** @param privateSubnetTags extra tags of the private subnets (Karpenter's discovery tag) */
    public AwsVpc(String name, String cidrBlock, List<String> zones, Map<String, String> tags, Map<String, String> privateSubnetTags,
                  ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.zones = List.copyOf(zones);
        var child = CustomResourceOptions.builder().parent(this).build();
        var vpc = new Vpc(name, VpcArgs.builder()
                .cidrBlock(cidrBlock)
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .tags(with(tags, "Name", name))
                .build(), child);
        List<String> blocks = Cidr.parse(cidrBlock).split(2 * zones.size());

        var igw = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(with(tags, "Name", name + "-igw")).build(), child);
        var publicRoutes = new RouteTable(name + "-public", RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(with(tags, "Name", name + "-public")).build(), child);
        new Route(name + "-public-default", RouteArgs.builder()
                .routeTableId(publicRoutes.id()).destinationCidrBlock("0.0.0.0/0").gatewayId(igw.id()).build(), child);

        var publicSubnets = new ArrayList<Subnet>();
        var privateIds = new ArrayList<Output<String>>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            var pub = new Subnet(name + "-public-" + zone, SubnetArgs.builder()
                    .vpcId(vpc.id()).availabilityZone(zone).cidrBlock(blocks.get(zones.size() + i))
                    .mapPublicIpOnLaunch(false)
                    .tags(with(with(tags, "Name", name + "-public-" + zone), "kubernetes.io/role/elb", "1"))
                    .build(), child);
            publicSubnets.add(pub);
            new RouteTableAssociation(name + "-public-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(pub.id()).routeTableId(publicRoutes.id()).build(), child);
        }
        var eip = new Eip(name + "-nat", EipArgs.builder().domain("vpc").tags(with(tags, "Name", name + "-nat")).build(), child);
        var nat = new NatGateway(name + "-nat", NatGatewayArgs.builder()
                .allocationId(eip.id()).subnetId(publicSubnets.get(0).id())
                .tags(with(tags, "Name", name + "-nat")).build(),
                CustomResourceOptions.builder().parent(this).dependsOn(igw).build());
        var privateRoutes = new RouteTable(name + "-private", RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(with(tags, "Name", name + "-private")).build(), child);
        new Route(name + "-private-default", RouteArgs.builder()
                .routeTableId(privateRoutes.id()).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build(), child);
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            var priv = new Subnet(name + "-private-" + zone, SubnetArgs.builder()
                    .vpcId(vpc.id()).availabilityZone(zone).cidrBlock(blocks.get(i))
                    .tags(withAll(with(with(tags, "Name", name + "-private-" + zone), "kubernetes.io/role/internal-elb", "1"), privateSubnetTags))
                    .build(), child);
            privateIds.add(priv.id());
            new RouteTableAssociation(name + "-private-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(priv.id()).routeTableId(privateRoutes.id()).build(), child);
        }
        this.vpcId = vpc.id();
        this.privateSubnetIds = List.copyOf(privateIds);
        registerOutputs(Map.of("vpcId", vpcId, "privateSubnetIds", Output.all(privateIds)));
    }

    static Map<String, String> withAll(Map<String, String> tags, Map<String, String> more) {
        if (more.isEmpty()) {
            return tags;
        }
        var out = new LinkedHashMap<>(tags);
        out.putAll(more);
        return out;
    }

    static Map<String, String> with(Map<String, String> tags, String key, String value) {
        var out = new LinkedHashMap<>(tags);
        out.put(key, value);
        return out;
    }
}
