package dev.derrick.preflight.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2VcpuQuotaTest {
    @Test
    void of_mapsGpuFamiliesToTheirOwnQuotas() {
        assertThat(Ec2VcpuQuota.of("p5.48xlarge", false).orElseThrow().code()).isEqualTo("L-417A185B");
        assertThat(Ec2VcpuQuota.of("p4d.24xlarge", true).orElseThrow().code()).isEqualTo("L-7212CCBC");
        assertThat(Ec2VcpuQuota.of("g6.12xlarge", false).orElseThrow().code()).isEqualTo("L-DB2E81BA");
        assertThat(Ec2VcpuQuota.of("g6e.xlarge", true).orElseThrow().code()).isEqualTo("L-3819A6DF");
        assertThat(Ec2VcpuQuota.of("vt1.3xlarge", false).orElseThrow().group()).isEqualTo("G and VT");
        assertThat(Ec2VcpuQuota.of("inf2.xlarge", false).orElseThrow().code()).isEqualTo("L-1945791B");
        assertThat(Ec2VcpuQuota.of("trn1.32xlarge", false).orElseThrow().code()).isEqualTo("L-2C3B7624");
    }

    @Test
    void of_mapsCpuFamiliesToStandard() {
        assertThat(Ec2VcpuQuota.of("m6i.2xlarge", false).orElseThrow().code()).isEqualTo("L-1216C47A");
        assertThat(Ec2VcpuQuota.of("c7gn.large", true).orElseThrow().code()).isEqualTo("L-34B43A08");
        assertThat(Ec2VcpuQuota.of("r7iz.xlarge", false).orElseThrow().label()).isEqualTo("on-demand Standard (L-1216C47A)");
    }

    @Test
    void of_whenFamilyHasNoMappedQuota_isEmpty() {
        assertThat(Ec2VcpuQuota.of("u-6tb1.metal", false)).isEmpty();
        assertThat(Ec2VcpuQuota.of("dl1.24xlarge", false)).isEmpty();
        assertThat(Ec2VcpuQuota.of("not-a-type", false)).isEmpty();
    }
}
