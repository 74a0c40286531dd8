package io.leadscorer.simulator.cli;

import io.leadscorer.simulator.world.WorldConfig;
import picocli.CommandLine.Option;

/** Options that choose the world (not the sample): shared by the commands that draw leads or draw them again. */
public final class WorldConfigOptions {

    @Option(names = "--world-seed", defaultValue = "" + WorldConfig.DEFAULT_WORLD_SEED,
            description = "Seed of the world's companies, owners and effects; samples of one world share them (default: ${DEFAULT-VALUE}).")
    long worldSeed;

    @Option(names = "--positive-rate", defaultValue = "" + WorldConfig.DEFAULT_POSITIVE_RATE,
            description = "Share of leads that convert (default: ${DEFAULT-VALUE}).")
    double positiveRate;

    @Option(names = "--companies", description = "Number of customer companies (default: 20000).")
    Integer companies;

    @Option(names = "--owners", description = "Number of sales owners (default: 600).")
    Integer owners;

    @Option(names = "--signal", description = "Scale of all effects on conversion; higher is an easier world (default: 1.0).")
    Double signal;

    WorldConfig config() {
        WorldConfig config = WorldConfig.defaults().withWorldSeed(worldSeed).withPositiveRate(positiveRate);
        if (companies != null) {
            config = config.withCompanies(companies);
        }
        if (owners != null) {
            config = config.withOwners(owners);
        }
        if (signal != null) {
            config = config.withSignal(signal);
        }
        return config;
    }
}
