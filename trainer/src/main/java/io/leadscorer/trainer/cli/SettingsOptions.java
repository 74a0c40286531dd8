package io.leadscorer.trainer.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * Options every command takes: a YAML file of settings (same layout as application.yml) and single-property
 * overrides. Both are read before the application context starts (see {@link CliOverrides}).
 */
public class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings file (same layout as application.yml)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override any setting, e.g. --set trainer.optimization.rho=0.1")
    Map<String, String> properties;
}
