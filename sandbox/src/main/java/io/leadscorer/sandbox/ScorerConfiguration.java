package io.leadscorer.sandbox;

import io.leadscorer.scorer.ScorerApplication;
import io.micronaut.context.env.PropertySource;
import java.util.Map;

/**
 * The scorer's own application.yml as a property source at the place of a configuration file (environment variables
 * and system properties still override it), for scorer contexts started from the sandbox's class path, where the
 * trainer's application.yml comes first.
 */
public final class ScorerConfiguration {

    /** Keeps the trainer's beans (found on the shared class path) out of a scorer context (see the trainer's package-info). */
    public static final Map<String, Object> TRAINER_DISABLED = Map.of("trainer.enabled", "false");

    private ScorerConfiguration() {
    }

    /** {@code properties} and {@link #TRAINER_DISABLED}. */
    public static Map<String, Object> withoutTrainer(Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.putAll(TRAINER_DISABLED);
        return all;
    }

    public static PropertySource applicationYml() {
        return ModuleResource.applicationYml(ScorerApplication.class);
    }
}
