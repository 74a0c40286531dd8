#!/bin/sh
# Writes k8s/components/prometheus-operator/prometheus-rule.yaml from lead-scorer-rules.yml: the same groups under
# spec. Run it after changing the rules; PrometheusRulesTest fails while the two differ.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../k8s/components/prometheus-operator/prometheus-rule.yaml"
{
  echo "# Generated from deployment/prometheus/lead-scorer-rules.yml by deployment/prometheus/to-prometheus-rule.sh: edit the"
  echo "# rules there and run the script. The same alerts for the Prometheus Operator."
  echo "apiVersion: monitoring.coreos.com/v1"
  echo "kind: PrometheusRule"
  echo "metadata:"
  echo "  name: lead-scorer"
  echo "spec:"
  sed -n '/^groups:/,$p' "$here/lead-scorer-rules.yml" | sed 's/^/  /'
} > "$out"
