package io.leadscorer.trainer.data;

import io.leadscorer.simulator.csv.LeadCsv;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.trainer.testing.SimulatedCsv;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLeadReaderTest {
    private static final List<SimulatedLead> LEADS = SimulatedCsv.leads(40, 11);

    @TempDir
    Path dir;

    private final CsvLeadReader reader = new CsvLeadReader();

    @Test
    void readsEveryRowOfTheSimulatorsCsvWithItsCellsAndLabel() {
        Path file = SimulatedCsv.write(dir.resolve("leads.csv"), 40, 11);

        LeadTable table = reader.read(file);

        assertThat(table.report().rowsRead()).isEqualTo(40);
        assertThat(table.report().rowsUsed()).isEqualTo(40);
        assertThat(table.report().rowsRejected()).isZero();
        assertThat(table.report().absentColumns()).isEmpty();
        assertThat(table.report().unknownColumns()).isEmpty();
        for (int i = 0; i < LEADS.size(); i++) {
            LeadRow row = table.rows().get(i);
            Map<String, String> expected = new LinkedHashMap<>(LEADS.get(i).csvRow());
            expected.remove(LeadCsv.LABEL);
            expected.values().removeIf(String::isEmpty);
            assertThat(row.line()).isEqualTo(i + 2);
            assertThat(row.converted()).isEqualTo(LEADS.get(i).converted());
            assertThat(row.cells()).isEqualTo(expected);
        }
    }

    @Test
    void aMissingLabelColumnIsAClearError() throws IOException {
        List<String> header = new ArrayList<>(LeadCsv.HEADER);
        header.remove(LeadCsv.LABEL);
        Path file = Files.writeString(dir.resolve("unlabelled.csv"), String.join(",", header) + "\n1.0,India\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("has no 'is_converted' label column")
                .hasMessageContaining("found bant_submit, customer_country")
                .hasMessageContaining(CsvLeadReader.GUIDE);
    }

    @Test
    void aCsvWithNoneOfTheLeadColumnsIsRefusedNamingWhatWasExpectedAndFound() throws IOException {
        List<String> crmHeader = new ArrayList<>(List.of("Lead ID", "Company", "Country", "Stage", "is_converted"));
        for (int i = 1; i <= 10; i++) {
            crmHeader.add("custom_" + i);
        }
        Path file = Files.writeString(dir.resolve("crm.csv"),
                String.join(",", crmHeader) + "\n" + "L-1,Acme,Peru,MQL,true" + ",x".repeat(10) + "\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("crm.csv has none of the 28 lead columns the trainer reads")
                .hasMessageContaining("expected the headers " + String.join(", ", LeadCsv.HEADER.subList(0, 28)))
                .hasMessageContaining("and the label is_converted")
                .hasMessageContaining("found Lead ID, Company, Country, Stage, is_converted, custom_1")
                .hasMessageContaining("custom_7, ... (15 headers)")
                .hasMessageContaining(CsvLeadReader.GUIDE)
                .message().doesNotContain("custom_8");
    }

    @Test
    void absentLeadColumnsAreReadAsMissingWithOneWarningNamingThem() throws IOException {
        List<String> kept = List.of("customer_country", "customer_idx", "lead_owner", LeadCsv.LABEL);
        Path file = Files.writeString(dir.resolve("few.csv"), String.join(",", kept) + "\n"
                + "Lima,17,3,true\n" + "nan,18,,False\n");

        LeadTable table = reader.read(file);

        assertThat(table.rows()).extracting(LeadRow::cells).containsExactly(
                Map.of("customer_country", "Lima", "customer_idx", "17", "lead_owner", "3"),
                Map.of("customer_idx", "18"));
        assertThat(table.rows().get(0).record().value("business_unit")).isNull();
        assertThat(table.report().absentColumns()).hasSize(25).startsWith("bant_submit", "business_unit")
                .doesNotContain("customer_country", "customer_idx", "lead_owner");
        String summary = table.report().summary();
        assertThat(summary.lines().filter(line -> line.contains("warning"))).singleElement().asString()
                .contains("25 of the 28 lead columns are absent from the header and read as missing in every row: "
                        + "bant_submit, business_unit, com_reg_ver_win_rate, customer_type")
                .contains("business_subarea")
                .contains(CsvLeadReader.GUIDE);
        assertThat(summary).doesNotContain("ignored");
    }

    @Test
    void unknownColumnsAreIgnoredWithOneLineNamingThem() throws IOException {
        List<String> header = new ArrayList<>(LeadCsv.HEADER);
        header.add(0, "crm_id");
        header.add("Owner Email");
        Map<String, String> lead = LEADS.get(0).csvRow();
        List<String> cells = new ArrayList<>(lead.values());
        cells.add(0, "C-1");
        cells.add("a@example.com");
        Path file = Files.writeString(dir.resolve("extra.csv"), CSVFormat.DEFAULT.format(header.toArray()) + "\n"
                + CSVFormat.DEFAULT.format(cells.toArray()) + "\n");

        LeadTable table = reader.read(file);

        assertThat(table.rows()).singleElement().satisfies(row -> assertThat(row.cells())
                .doesNotContainKeys("crm_id", "Owner Email").containsEntry("customer_country", lead.get("customer_country")));
        assertThat(table.report().unknownColumns()).containsExactly("crm_id", "Owner Email");
        assertThat(table.report().absentColumns()).isEmpty();
        assertThat(table.report().summary().lines().filter(line -> line.contains("crm_id"))).singleElement().asString()
                .contains("ignored").contains("crm_id, Owner Email");
        assertThat(table.report().summary()).doesNotContain("warning");
    }

    @Test
    void anUnreadableFileIsAClearError() throws IOException {
        Path notUtf8 = Files.write(dir.resolve("latin1.csv"),
                (String.join(",", LeadCsv.HEADER) + "\nBogot\u00e1\n").getBytes(StandardCharsets.ISO_8859_1));
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");

        assertThatThrownBy(() -> reader.read(dir.resolve("absent.csv")))
                .isInstanceOf(InputException.class).hasMessageContaining("absent.csv: no such file");
        assertThatThrownBy(() -> reader.read(dir))
                .isInstanceOf(InputException.class).hasMessageContaining("it is a directory");
        assertThatThrownBy(() -> reader.read(notUtf8))
                .isInstanceOf(InputException.class).hasMessageContaining("it is not UTF-8 text");
        assertThatThrownBy(() -> reader.read(empty))
                .isInstanceOf(InputException.class).hasMessageContaining("it has no header line");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("twice.csv"), String.join(",", LeadCsv.HEADER) + ",lead_owner\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InputException.class).hasMessageContaining("names the column 'lead_owner' twice");
    }

    @Test
    void malformedRowsAreSkippedCountedAndReportedByLine() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", LeadCsv.HEADER));                      // line 1
        lines.add(line(0, Map.of()));                                        // 2 good
        lines.add(line(1, Map.of()).substring(line(1, Map.of()).indexOf(',') + 1)); // 3 one field short
        lines.add(line(2, Map.of(LeadCsv.LABEL, "maybe")));                  // 4 label
        lines.add(line(3, Map.of("lead_desc_length", "long")));              // 5 number column
        lines.add(rawLine(4, "customer_country", "\"Lima\"x"));               // 6 text after a closing quote
        lines.add(line(5, Map.of()));                                        // 7 good
        lines.add(rawLine(6, "customer_country", "\"never closed"));          // 8 quote never closed
        lines.add(line(7, Map.of()));                                        // 9 good
        lines.add("");                                                       // 10 blank: not a row
        lines.add(line(8, Map.of("customer_job", "purchasing\nand sales"))); // 11-12 one good row
        lines.add(line(9, Map.of()));                                        // 13 good
        Path file = Files.writeString(dir.resolve("messy.csv"), String.join("\n", lines) + "\n");

        LeadTable table = reader.read(file);
        ReadReport report = table.report();

        assertThat(table.rows()).extracting(LeadRow::line).containsExactly(2L, 7L, 9L, 11L, 13L);
        assertThat(table.rows().get(3).cells()).containsEntry("customer_job", "purchasing\nand sales");
        assertThat(report.rowsRead()).isEqualTo(10);
        assertThat(report.rowsUsed()).isEqualTo(5);
        assertThat(report.rowsRejected()).isEqualTo(5);
        assertThat(report.rejectedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "rows with a wrong field count", 1L,
                "rows with an unusable label", 1L,
                "rows with a non-numeric number cell", 1L,
                "rows that are not valid CSV", 2L));
        assertThat(report.firstRejected()).extracting(ReadReport.RejectedLine::line).containsExactly(3L, 4L, 5L, 6L, 8L);
        assertThat(report.firstRejected().get(0).reason()).isEqualTo("28 fields where the header has 29");
        assertThat(report.firstRejected().get(1).reason()).contains("'maybe'");
        assertThat(report.firstRejected().get(2).reason()).contains("'lead_desc_length' is 'long'");
        assertThat(report.firstRejected().get(4).reason()).contains("not closed");
        assertThat(report.summary())
                .contains("10 rows read, 5 used, 5 rejected")
                .contains("1 rows with a wrong field count")
                .contains("2 rows that are not valid CSV")
                .contains("line 3: 28 fields")
                .contains("line 8: a quoted field opened on this line is not closed");
    }

    @Test
    void everyRejectedRowIsCountedButOnlyTheFirstLinesAreListed() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", LeadCsv.HEADER));
        for (int i = 0; i < 25; i++) {
            lines.add(line(i, Map.of(LeadCsv.LABEL, i % 2 == 0 ? "?" : "True")));
        }
        Path file = Files.writeString(dir.resolve("labels.csv"), String.join("\r\n", lines));

        ReadReport report = reader.read(file).report();

        assertThat(report.rowsRead()).isEqualTo(25);
        assertThat(report.rowsRejected()).isEqualTo(13);
        assertThat(report.rejectedByReason()).containsEntry("rows with an unusable label", 13L);
        assertThat(report.firstRejected()).hasSize(10).extracting(ReadReport.RejectedLine::line)
                .containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L);
    }

    @Test
    void aByteOrderMarkUnknownAndAbsentColumnsAreHandledAndReported() throws IOException {
        List<String> header = new ArrayList<>(LeadCsv.HEADER);
        header.remove("lead_owner");
        header.add(0, "");
        header.add("source_system");
        StringBuilder text = new StringBuilder("\uFEFF").append(String.join(",", header)).append('\n');
        Map<String, String> row = new LinkedHashMap<>(LEADS.get(0).csvRow());
        row.remove("lead_owner");
        List<String> cells = new ArrayList<>(row.values());
        cells.add(0, "0");
        cells.add("crm");
        text.append(CSVFormat.DEFAULT.format(cells.toArray())).append('\n');
        Path file = Files.writeString(dir.resolve("bom.csv"), text);

        LeadTable table = reader.read(file);

        assertThat(table.rows()).hasSize(1);
        assertThat(table.rows().get(0).cells()).doesNotContainKey("lead_owner");
        assertThat(table.report().absentColumns()).containsExactly("lead_owner");
        assertThat(table.report().unknownColumns()).containsExactly("(unnamed)", "source_system");
        assertThat(table.report().summary()).contains("1 of the 28 lead columns are absent from the header and read as "
                        + "missing in every row: lead_owner")
                .contains("ignored: columns that are not lead columns: (unnamed), source_system");
    }

    /** Lead {@code index} as one CSV line with the text of one cell replaced as is (no quoting). */
    private static String rawLine(int index, String column, String rawCell) {
        List<String> cells = new ArrayList<>();
        LEADS.get(index).csvRow().forEach((name, value) ->
                cells.add(name.equals(column) ? rawCell : CSVFormat.DEFAULT.format(value)));
        return String.join(",", cells);
    }

    /** Lead {@code index} as one CSV line in header order, with some cells replaced. */
    private static String line(int index, Map<String, String> replaced) {
        Map<String, String> row = new LinkedHashMap<>(LEADS.get(index).csvRow());
        row.putAll(replaced);
        return CSVFormat.DEFAULT.format(row.values().toArray());
    }
}
