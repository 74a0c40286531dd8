package io.leadscorer.deployment;

import java.util.List;
import java.util.Map;

/** A set of Kubernetes resources (a kustomize base or a rendered overlay) looked up by kind and name. */
record Manifests(List<Map<String, Object>> documents) {

    static Manifests of(List<Map<String, Object>> documents) {
        return new Manifests(List.copyOf(documents));
    }

    Map<String, Object> one(String kind, String name) {
        List<Map<String, Object>> found = documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(YamlPath.string(d, "metadata", "name")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " resources " + kind + "/" + name);
        }
        return found.get(0);
    }

    /** The pod spec of a Deployment, Job or CronJob. */
    Map<String, Object> podSpec(String kind, String name) {
        Map<String, Object> workload = one(kind, name);
        return kind.equals("CronJob")
                ? YamlPath.map(workload, "spec", "jobTemplate", "spec", "template", "spec")
                : YamlPath.map(workload, "spec", "template", "spec");
    }

    Map<String, Object> container(String kind, String name, String container) {
        return named(YamlPath.list(podSpec(kind, name), "containers"), container);
    }

    Map<String, Object> initContainer(String kind, String name, String container) {
        return named(YamlPath.list(podSpec(kind, name), "initContainers"), container);
    }

    /** The volume mount of a container by volume name. */
    Map<String, Object> mount(Map<String, Object> container, String volume) {
        return YamlPath.list(container, "volumeMounts").stream().map(m -> YamlPath.map(m))
                .filter(m -> volume.equals(m.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume + " in " + container.get("name")));
    }

    /** The claim behind a workload's volume. */
    String claimOf(Map<String, Object> workload, String volume) {
        Map<String, Object> spec = workload.get("kind").equals("CronJob")
                ? YamlPath.map(workload, "spec", "jobTemplate", "spec", "template", "spec")
                : YamlPath.map(workload, "spec", "template", "spec");
        return YamlPath.string(named(YamlPath.list(spec, "volumes"), volume), "persistentVolumeClaim", "claimName");
    }

    /** The ConfigMap a container takes its environment from (envFrom). */
    Map<String, Object> configMapOf(Map<String, Object> container) {
        Object source = YamlPath.list(container, "envFrom").get(0);
        return one("ConfigMap", YamlPath.string(source, "configMapRef", "name"));
    }

    private static Map<String, Object> named(List<Object> items, String name) {
        return items.stream().map(i -> YamlPath.map(i)).filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing named " + name));
    }
}
