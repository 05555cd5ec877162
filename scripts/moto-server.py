#!/usr/bin/env python3
"""moto's server (the AWS emulator), with EC2 vCPU quotas in its Service Quotas backend.

moto 5.2 implements Service Quotas for the `vpc` service only, so GetServiceQuota for
ServiceCode=ec2 answers NoSuchResourceException there, and GetAWSDefaultServiceQuota answers
HTTP 500. Service Quotas has no API that sets a quota, so this launcher adds the EC2 vCPU
quotas Derrick's preflight reads to moto's backend before starting moto's own server; every other
API is moto's, unchanged. Response shape as documented for GetServiceQuota:
https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html

Values (vCPUs) default to QUOTAS below and can be overridden with
DERRICK_MOTO_EC2_QUOTAS='{"L-417A185B": 768}'.

Usage: moto-server.py -H 127.0.0.1 -p PORT   (the arguments of moto_server)
"""
import json
import os
import sys

from moto import server
from moto.servicequotas import models

# Applied values of a hypothetical account: enough for standard and G pools, short of P (so a
# stack asking for four p5.48xlarge, 768 vCPUs, fails preflight as it would on such an account).
QUOTAS = {
    "L-1216C47A": ("Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 640.0),
    "L-34B43A08": ("All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", 640.0),
    "L-DB2E81BA": ("Running On-Demand G and VT instances", 384.0),
    "L-3819A6DF": ("All G and VT Spot Instance Requests", 384.0),
    "L-417A185B": ("Running On-Demand P instances", 384.0),
    "L-7212CCBC": ("All P Spot Instance Requests", 384.0),
}


def ec2_quotas(region):
    overrides = json.loads(os.environ.get("DERRICK_MOTO_EC2_QUOTAS", "{}"))
    out = []
    for code, (name, value) in QUOTAS.items():
        out.append({
            "Adjustable": True,
            "GlobalQuota": False,
            "QuotaArn": f"arn:aws:servicequotas:{region}::ec2/{code}",
            "QuotaCode": code,
            "QuotaName": name,
            "ServiceCode": "ec2",
            "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
            "Unit": "None",
            "Value": float(overrides.get(code, value)),
        })
    return out


_get = models.ServiceQuotasBackend.get_service_quota
_list = models.ServiceQuotasBackend.list_aws_default_service_quotas


def get_service_quota(self, service_code, quota_code):
    if service_code == "ec2":
        for q in ec2_quotas(self.region_name):
            if q["QuotaCode"] == quota_code:
                return q
    return _get(self, service_code, quota_code)


def list_aws_default_service_quotas(self, service_code):
    if service_code == "ec2":
        return ec2_quotas(self.region_name)
    return _list(self, service_code)


models.ServiceQuotasBackend.get_service_quota = get_service_quota
models.ServiceQuotasBackend.list_aws_default_service_quotas = list_aws_default_service_quotas

if __name__ == "__main__":
    server.main(sys.argv[1:])
