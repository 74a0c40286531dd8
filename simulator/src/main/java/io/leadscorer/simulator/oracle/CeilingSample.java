package io.leadscorer.simulator.oracle;

import io.leadscorer.simulator.csv.LeadCsv;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.simulator.world.WorldConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The leads of a simulated sample as the ceiling needs them, drawn again from the world: the side file of a
 * CSV names each row's lead ({@code lead-SEED-INDEX}), and the world gives that lead again with its latents.
 * The redrawn probability must equal the side file's, so a CSV written with other world options fails
 * clearly instead of giving a wrong ceiling.
 */
public final class CeilingSample {

    private CeilingSample() {
    }

    public static List<CeilingLead> read(Path oracleFile, WorldConfig config) throws IOException {
        Map<Long, MqlWorld> worlds = new HashMap<>();
        List<CeilingLead> leads = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(oracleFile, StandardCharsets.UTF_8);
             CSVParser oracle = LeadCsv.READ_FORMAT.parse(reader)) {
            for (CSVRecord row : oracle) {
                String leadId = row.get("lead_id");
                long[] seedAndIndex = seedAndIndex(leadId, oracleFile);
                SimulatedLead lead = worlds.computeIfAbsent(seedAndIndex[0], seed -> MqlWorld.create(seed, config))
                        .lead(seedAndIndex[1]);
                double recorded = Double.parseDouble(row.get("probability"));
                if (lead.probability() != recorded) {
                    throw new IllegalArgumentException(oracleFile + ": lead " + leadId + " has probability " + recorded
                            + " there but " + lead.probability() + " in this world; pass the world options the sample was written with");
                }
                leads.add(CeilingLead.of(lead));
            }
        }
        return leads;
    }

    private static long[] seedAndIndex(String leadId, Path file) {
        int last = leadId.lastIndexOf('-');
        if (!leadId.startsWith("lead-") || last <= "lead-".length()) {
            throw new IllegalArgumentException(file + ": '" + leadId + "' is not a simulated lead id (lead-SEED-INDEX)");
        }
        try {
            return new long[] {Long.parseLong(leadId.substring("lead-".length(), last)), Long.parseLong(leadId.substring(last + 1))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + leadId + "' is not a simulated lead id (lead-SEED-INDEX)", e);
        }
    }
}
