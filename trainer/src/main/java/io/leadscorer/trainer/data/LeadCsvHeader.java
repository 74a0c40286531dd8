package io.leadscorer.trainer.data;

import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header line of a lead CSV held against the trainer's contract (the lead columns' CSV headers and the label,
 * docs/TRAINING.md): where each lead column and the label are, which lead columns are absent and which headers are
 * not lead columns. A header the trainer cannot learn from (none of the lead columns, no label, a column named
 * twice) is an {@link InputException} that says what was expected and what was found.
 */
final class LeadCsvHeader {
    /** Headers of a refused file quoted in its error; a CRM export may have hundreds. */
    static final int QUOTED_HEADERS = 12;
    private static final char BOM = '\uFEFF';

    private final int size;
    private final Map<String, Integer> features;
    private final int labelIndex;
    private final List<String> unknown;
    private final List<String> absent;

    private LeadCsvHeader(int size, Map<String, Integer> features, int labelIndex, List<String> unknown,
                          List<String> absent) {
        this.size = size;
        this.features = Collections.unmodifiableMap(features);
        this.labelIndex = labelIndex;
        this.unknown = List.copyOf(unknown);
        this.absent = List.copyOf(absent);
    }

    /** The header of {@code file}, given as its fields (a leading byte order mark is dropped). */
    static LeadCsvHeader of(Path file, List<String> fields) {
        List<String> names = new ArrayList<>(fields.size());
        for (String field : fields) {
            boolean bom = names.isEmpty() && !field.isEmpty() && field.charAt(0) == BOM;
            names.add((bom ? field.substring(1) : field).strip());
        }
        Map<String, Integer> features = new LinkedHashMap<>();
        Integer labelIndex = null;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean label = name.equals(LeadColumns.LABEL);
            boolean feature = LeadColumns.byCsvName(name).isPresent();
            if ((label && labelIndex != null) || (feature && features.putIfAbsent(name, i) != null)) {
                throw new InputException(file + " names the column '" + name + "' twice in its header");
            }
            if (label) {
                labelIndex = i;
            } else if (!feature) {
                unknown.add(name.isEmpty() ? "(unnamed)" : name);
            }
        }
        if (features.isEmpty()) {
            throw new InputException(file + " has none of the " + LeadColumns.ALL.size()
                    + " lead columns the trainer reads" + System.lineSeparator() + expectedAndFound(names));
        }
        if (labelIndex == null) {
            throw new InputException(file + " has no '" + LeadColumns.LABEL + "' label column (true or false: did the "
                    + "lead convert)" + System.lineSeparator() + expectedAndFound(names));
        }
        List<String> absent = LeadColumns.ALL.stream()
                .map(LeadColumn::csvName)
                .filter(name -> !features.containsKey(name))
                .toList();
        return new LeadCsvHeader(names.size(), features, labelIndex, unknown, absent);
    }

    /** Fields a row must have: as many as the header. */
    int size() {
        return size;
    }

    /** Field index of each lead column the header holds, by CSV header, in header order. */
    Map<String, Integer> features() {
        return features;
    }

    int labelIndex() {
        return labelIndex;
    }

    /** Headers that are neither a lead column nor the label, in header order. */
    List<String> unknown() {
        return unknown;
    }

    /** Lead columns the header lacks, in contract order. */
    List<String> absent() {
        return absent;
    }

    private static String expectedAndFound(List<String> names) {
        String found = names.stream().limit(QUOTED_HEADERS).map(name -> name.isEmpty() ? "(unnamed)" : name)
                .collect(Collectors.joining(", "));
        if (names.size() > QUOTED_HEADERS) {
            found += ", ... (" + names.size() + " headers)";
        }
        String expected = LeadColumns.ALL.stream().map(LeadColumn::csvName).collect(Collectors.joining(", "));
        return "  expected the headers " + expected + " (any order; a lead column left out is read as missing) and the"
                + " label " + LeadColumns.LABEL + System.lineSeparator()
                + "  found " + found + System.lineSeparator()
                + "  the CSV contract, column by column: " + CsvLeadReader.GUIDE;
    }
}
