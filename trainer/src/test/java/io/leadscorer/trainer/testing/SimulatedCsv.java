package io.leadscorer.trainer.testing;

import io.leadscorer.simulator.csv.LeadCsvWriter;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Labelled leads from the simulator's world for the trainer's tests: the same seed gives the same leads, written
 * in the competition CSV layout by the simulator's own writer. Worlds are calibrated once per seed and JVM.
 */
public final class SimulatedCsv {
    private static final Map<Long, MqlWorld> WORLDS = new ConcurrentHashMap<>();

    private SimulatedCsv() {}

    /** The first {@code rows} leads of sample {@code seed}. */
    public static List<SimulatedLead> leads(int rows, long seed) {
        MqlWorld world = WORLDS.computeIfAbsent(seed, MqlWorld::create);
        List<SimulatedLead> leads = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            leads.add(world.lead(i));
        }
        return leads;
    }

    /** Writes the first {@code rows} leads of sample {@code seed} to {@code file} (and its oracle side file). */
    public static Path write(Path file, int rows, long seed) {
        try (LeadCsvWriter writer = LeadCsvWriter.open(file, LeadCsvWriter.defaultOracleFile(file))) {
            leads(rows, seed).forEach(writer::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
