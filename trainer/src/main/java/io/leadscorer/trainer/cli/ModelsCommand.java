package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.BundleStore;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ModelsInUse;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `models`: the bundles of a model store, newest first, with their validation figures and which deployment or scorer
 * instance uses each; with {@code --prune}, removes the oldest bundles beyond {@code --keep}, never one in use (live or
 * in shadow in a deployment's newest command, active on an instance, or the target of the store's {@code current}
 * link).
 */
@Prototype
@Command(name = "models", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Lists the bundles of a model store with their validation figures and where each is in use; "
                + "--prune removes old bundles, never one in use.")
public class ModelsCommand implements Callable<Integer> {

    /** The link a deployment may point at its initial bundle with (compose's models/current). */
    static final String CURRENT = "current";

    @Setting("trainer.publish.store")
    @Option(names = "--store", paramLabel = "DIR", description = "the model store (default ${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--offline", description = "do not read the control and status topics (no 'in use' column; "
            + "--prune refuses)")
    boolean offline;

    @Option(names = "--prune", description = "remove the oldest bundles beyond --keep that are not in use")
    boolean prune;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "10",
            description = "with --prune, the newest bundles kept whatever their use (default ${DEFAULT-VALUE})")
    int keep;

    @Option(names = "--dry-run", description = "with --prune, say what would be removed and remove nothing")
    boolean dryRun;

    @Mixin
    ControlOptions control;

    @Mixin
    SettingsOptions settings;

    @Inject
    Provider<ModelsInUse> inUse;

    @Inject
    Provider<PublishSettings> publishSettings;

    @Inject
    Console console;

    @Override
    public Integer call() {
        PublishSettings target = publishSettings.get();
        BundleStore bundles = new BundleStore(Path.of(target.store()));
        List<Manifest> manifests = bundles.list();
        PrintStream out = console.out();
        Optional<ModelsInUse.InUse> use = Optional.empty();
        if (!offline) {
            try {
                use = Optional.of(inUse.get().read(target));
            } catch (RuntimeException e) {
                console.err().println("cannot read " + target.controlTopic() + " and " + target.statusTopic() + " ("
                        + e.getMessage() + "); listing without what is in use (--offline skips this)");
            }
        }
        Optional<String> current = current(bundles.root());
        out.printf("%s: %d bundle(s)%n", bundles.root(), manifests.size());
        out.printf(Locale.ROOT, "  %-32s %-17s %7s %7s %7s %9s  %s%n", "model", "created", "F1", "AUC", "ECE",
                "threshold", "in use");
        for (Manifest manifest : manifests) {
            out.printf(Locale.ROOT, "  %-32s %-17s %7s %7s %7s %9.4f  %s%n", manifest.modelId(),
                    manifest.createdAt().toString().substring(0, 16).replace('T', ' '),
                    figure(validation(manifest).get("f1")), figure(validation(manifest).get("roc_auc")),
                    figure(manifest.metrics().get("ece_calibrated")), manifest.threshold(),
                    uses(manifest.modelId(), use, current));
        }
        if (!prune) {
            return 0;
        }
        if (use.isEmpty()) {
            console.err().println("--prune needs to know which bundles are in use: it reads the control and status "
                    + "topics, which could not be read" + (offline ? " (--offline)" : ""));
            return 2;
        }
        Set<String> protectedIds = new TreeSet<>(use.get().modelIds());
        current.ifPresent(protectedIds::add);
        List<Manifest> removable = removable(manifests, keep, protectedIds);
        for (Manifest manifest : removable) {
            out.printf("%s %s%n", dryRun ? "would remove" : "removing", manifest.modelId());
            if (!dryRun) {
                deleteTree(bundles.dir(manifest.modelId()));
            }
        }
        out.printf("%d bundle(s) %s; %d kept%n", removable.size(), dryRun ? "would be removed" : "removed",
                manifests.size() - removable.size());
        return 0;
    }

    /** Beyond the newest {@code keep}, every bundle not in use, oldest last in the store's order. */
    static List<Manifest> removable(List<Manifest> newestFirst, int keep, Set<String> inUse) {
        List<Manifest> removable = new ArrayList<>();
        for (int i = Math.max(0, keep); i < newestFirst.size(); i++) {
            if (!inUse.contains(newestFirst.get(i).modelId())) {
                removable.add(newestFirst.get(i));
            }
        }
        return removable;
    }

    private static String uses(String modelId, Optional<ModelsInUse.InUse> use, Optional<String> current) {
        List<String> uses = new ArrayList<>();
        use.ifPresent(u -> {
            u.byDeployment().forEach((deployment, command) -> {
                if (command.getModelId().equals(modelId)) {
                    uses.add(deployment + " (" + command.getAction() + ")");
                } else if (command.getShadow() != null && command.getShadow().getModelId().equals(modelId)) {
                    uses.add(deployment + " (shadow " + command.getShadow().getRole() + ")");
                }
            });
            u.activeByInstance().forEach((instance, models) -> {
                if (models.contains(modelId)) {
                    uses.add("active on " + instance);
                }
            });
        });
        if (current.filter(modelId::equals).isPresent()) {
            uses.add(CURRENT);
        }
        return String.join(", ", uses);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> validation(Manifest manifest) {
        Object validation = manifest.metrics().get("validation");
        return validation instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String figure(Object value) {
        return value instanceof Number number ? String.format(Locale.ROOT, "%.4f", number.doubleValue()) : "-";
    }

    private static Optional<String> current(Path root) {
        Path link = root.resolve(CURRENT);
        try {
            return Files.exists(link) ? Optional.of(link.toRealPath().getFileName().toString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
