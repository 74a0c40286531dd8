package io.leadscorer.simulator.cli;

import io.leadscorer.simulator.world.MqlWorld;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that choose the world and the sample, shared by the commands that draw leads. */
public final class WorldOptions {

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    WorldConfigOptions world;

    MqlWorld world() {
        return MqlWorld.create(seed, world.config());
    }
}
