package io.leadscorer.simulator.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.simulator.world.MqlWorld;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelShuffleTest {

    @TempDir
    Path dir;

    @Test
    void permutesTheLabelsAmongTheRowsAndKeepsEverythingElse() throws Exception {
        Path csv = dir.resolve("leads.csv");
        try (LeadCsvWriter writer = LeadCsvWriter.open(csv, LeadCsvWriter.defaultOracleFile(csv))) {
            writer.write(MqlWorld.create(5), 0, 3000, 1);
        }
        List<CSVRecord> before = read(csv);

        LabelShuffle.shuffle(csv, 9);
        List<CSVRecord> after = read(csv);

        assertThat(after).hasSize(before.size());
        int moved = 0;
        int positivesBefore = 0;
        int positivesAfter = 0;
        int agreeOnPositives = 0;
        for (int i = 0; i < before.size(); i++) {
            for (String column : LeadCsv.HEADER) {
                if (!column.equals(LeadCsv.LABEL)) {
                    assertThat(after.get(i).get(column)).as(column).isEqualTo(before.get(i).get(column));
                }
            }
            boolean was = LeadCsv.parseLabel(before.get(i).get(LeadCsv.LABEL));
            boolean is = LeadCsv.parseLabel(after.get(i).get(LeadCsv.LABEL));
            positivesBefore += was ? 1 : 0;
            positivesAfter += is ? 1 : 0;
            agreeOnPositives += was && is ? 1 : 0;
            moved += was != is ? 1 : 0;
        }
        assertThat(positivesAfter).isEqualTo(positivesBefore);
        assertThat(moved).isPositive();
        // independent labels: a converted lead keeps a positive label about as often as the positive rate says
        double expected = (double) positivesBefore * positivesBefore / before.size();
        assertThat((double) agreeOnPositives).isLessThan(expected * 2 + 10);
    }

    @Test
    void theSameSeedGivesTheSameFile() throws Exception {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        for (Path csv : List.of(first, second)) {
            try (LeadCsvWriter writer = LeadCsvWriter.open(csv, LeadCsvWriter.defaultOracleFile(csv))) {
                writer.write(MqlWorld.create(5), 0, 500, 1);
            }
            LabelShuffle.shuffle(csv, 3);
        }
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void refusesAFileWithoutALabelColumn() throws Exception {
        Path csv = dir.resolve("nolabel.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertThatThrownBy(() -> LabelShuffle.shuffle(csv, 1)).hasMessageContaining("is_converted");
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(csv); CSVParser parser = LeadCsv.READ_FORMAT.parse(in)) {
            return new ArrayList<>(parser.getRecords());
        }
    }
}
