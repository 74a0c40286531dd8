package io.leadscorer.simulator.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadCsvWriterTest {

    private static final String HEADER_LINE = "bant_submit,customer_country,business_unit,com_reg_ver_win_rate,customer_idx,"
            + "customer_type,enterprise,historical_existing_cnt,id_strategic_ver,it_strategic_ver,idit_strategic_ver,"
            + "customer_job,lead_desc_length,inquiry_type,product_category,product_subcategory,product_modelname,"
            + "customer_country.1,customer_position,response_corporate,expected_timeline,ver_cus,ver_pro,ver_win_rate_x,"
            + "ver_win_ratio_per_bu,business_area,business_subarea,lead_owner,is_converted";

    @TempDir
    Path dir;

    @Test
    void writesTheCompetitionLayoutThatParsesBackToTheLeads() throws Exception {
        Path csv = dir.resolve("train.csv");
        write(csv, 7, 1500, 2);

        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo(HEADER_LINE);
        MqlWorld world = MqlWorld.create(7);
        try (Reader reader = Files.newBufferedReader(csv); CSVParser parser = LeadCsv.READ_FORMAT.parse(reader)) {
            assertThat(parser.getHeaderNames()).isEqualTo(LeadCsv.HEADER);
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(1500);
            for (CSVRecord record : records) {
                SimulatedLead lead = world.next();
                assertThat(record.size()).isEqualTo(29);
                assertThat(record.toMap()).isEqualTo(lead.csvRow());
                assertThat(record.get("is_converted")).isIn("True", "False");
            }
        }
    }

    @Test
    void theSideFileHoldsEachRowsLeadIdAndProbability() throws Exception {
        Path csv = dir.resolve("train.csv");
        write(csv, 7, 300, 1);

        List<String> lines = Files.readAllLines(LeadCsvWriter.defaultOracleFile(csv));
        assertThat(LeadCsvWriter.defaultOracleFile(csv).getFileName().toString()).isEqualTo("train.csv.oracle");
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualTo("lead_id,probability");
        SimulatedLead lead = MqlWorld.create(7).lead(41);
        assertThat(lines.get(42)).isEqualTo("lead-7-41," + lead.probability());
    }

    @Test
    void theSameSeedWritesByteIdenticalFilesWhateverTheThreads() throws Exception {
        write(dir.resolve("a.csv"), 4, 10_000, 1);
        write(dir.resolve("b.csv"), 4, 10_000, 3);
        write(dir.resolve("c.csv"), 5, 10_000, 3);

        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("b.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.csv.oracle"), dir.resolve("b.csv.oracle"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("c.csv"))).isNotEqualTo(-1);
    }

    @Test
    void rowByRowWritingMatchesChunkedWriting() throws Exception {
        MqlWorld world = MqlWorld.create(8);
        try (LeadCsvWriter writer = LeadCsvWriter.open(dir.resolve("rows.csv"), dir.resolve("rows.csv.oracle"))) {
            for (int i = 0; i < 200; i++) {
                writer.write(world.next());
            }
            assertThat(writer.rows()).isEqualTo(200);
        }
        write(dir.resolve("chunks.csv"), 8, 200, 2);

        assertThat(Files.mismatch(dir.resolve("rows.csv"), dir.resolve("chunks.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("rows.csv.oracle"), dir.resolve("chunks.csv.oracle"))).isEqualTo(-1);
    }

    @Test
    void parsesLabelsInTheUsualSpellings() {
        assertThat(LeadCsv.parseLabel("True")).isTrue();
        assertThat(LeadCsv.parseLabel("false")).isFalse();
        assertThat(LeadCsv.parseLabel("1")).isTrue();
        assertThat(LeadCsv.parseLabel(" 0.0 ")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeadCsv.parseLabel("yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yes");
    }

    private static void write(Path csv, long seed, long rows, int threads) throws Exception {
        try (LeadCsvWriter writer = LeadCsvWriter.open(csv, LeadCsvWriter.defaultOracleFile(csv))) {
            writer.write(MqlWorld.create(seed), 0, rows, threads);
            assertThat(writer.rows()).isEqualTo(rows);
        }
    }
}
