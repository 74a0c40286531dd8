package io.leadscorer.simulator.csv;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Permutes the label column of a lead CSV among its rows, keeping every other cell and the positive rate: a sample
 * whose labels say nothing about the leads. A model trained on it is the broken candidate that a rollout must never
 * promote (a bad export with its label column misaligned looks like this). The side file of true probabilities is
 * left as it is: it still describes the leads, not the shuffled labels.
 */
public final class LabelShuffle {

    private LabelShuffle() {
    }

    /** Shuffles the {@link LeadCsv#LABEL} column of {@code csv} in place with a permutation drawn from {@code seed}. */
    public static void shuffle(Path csv, long seed) throws IOException {
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = LeadCsv.READ_FORMAT.parse(in)) {
            header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                rows.add(new ArrayList<>(record.toList()));
            }
        }
        int label = header.indexOf(LeadCsv.LABEL);
        if (label < 0) {
            throw new IllegalArgumentException(csv + " has no " + LeadCsv.LABEL + " column to shuffle");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = rows.get(i).get(label);
            rows.get(i).set(label, rows.get(j).get(label));
            rows.get(j).set(label, swap);
        }
        Path staging = csv.resolveSibling(csv.getFileName() + ".shuffling");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get();
        try (BufferedWriter out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        Files.move(staging, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
