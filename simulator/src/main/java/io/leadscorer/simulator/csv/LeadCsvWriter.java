package io.leadscorer.simulator.csv;

import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes leads to a competition-layout CSV and their true probabilities to the side file, row for row.
 * Large samples are drawn and formatted in chunks on several threads and written in order, so the files
 * are the same whatever the number of threads.
 */
public final class LeadCsvWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 16;
    private static final int CHUNK = 4096;
    private static final CSVFormat CHUNK_FORMAT = LeadCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final CSVFormat ORACLE_CHUNK_FORMAT = LeadCsv.ORACLE_FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final Writer leadsOut;
    private final Writer oracleOut;
    private final CSVPrinter leads;
    private final CSVPrinter oracle;
    private long rows;
    private long positives;

    private LeadCsvWriter(Writer leadsOut, Writer oracleOut) throws IOException {
        this.leadsOut = leadsOut;
        this.oracleOut = oracleOut;
        this.leads = new CSVPrinter(leadsOut, LeadCsv.FORMAT);
        this.oracle = new CSVPrinter(oracleOut, LeadCsv.ORACLE_FORMAT);
    }

    /** Creates (or replaces) both files and writes their headers. */
    public static LeadCsvWriter open(Path csv, Path oracleFile) throws IOException {
        Writer leads = writer(csv);
        try {
            return new LeadCsvWriter(leads, writer(oracleFile));
        } catch (IOException | RuntimeException e) {
            leads.close();
            throw e;
        }
    }

    /** The side file that goes with a CSV when none is named: {@code train.csv} gives {@code train.csv.oracle}. */
    public static Path defaultOracleFile(Path csv) {
        return csv.resolveSibling(csv.getFileName() + LeadCsv.ORACLE_SUFFIX);
    }

    public void write(SimulatedLead lead) {
        try {
            print(leads, oracle, lead);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        positives += lead.converted() ? 1 : 0;
    }

    /** Writes leads {@code from} to {@code from + count - 1} of the world's sample, drawn on {@code threads} threads. */
    public void write(MqlWorld world, long from, long count, int threads) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            Deque<Future<Chunk>> pending = new ArrayDeque<>();
            long next = from;
            long end = from + count;
            while (next < end || !pending.isEmpty()) {
                while (next < end && pending.size() < 2 * Math.max(1, threads)) {
                    long chunkStart = next;
                    int size = (int) Math.min(CHUNK, end - next);
                    pending.add(pool.submit(() -> Chunk.render(world, chunkStart, size)));
                    next += size;
                }
                Chunk chunk = pending.removeFirst().get();
                leadsOut.append(chunk.leads);
                oracleOut.append(chunk.oracle);
                rows += chunk.rows;
                positives += chunk.positives;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not draw leads", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public long rows() {
        return rows;
    }

    public long positives() {
        return positives;
    }

    @Override
    public void close() throws IOException {
        try (CSVPrinter first = leads; CSVPrinter second = oracle) {
            first.flush();
            second.flush();
        }
    }

    private static void print(CSVPrinter leads, CSVPrinter oracle, SimulatedLead lead) throws IOException {
        leads.printRecord((Object[]) LeadCsv.cells(lead));
        oracle.printRecord(lead.leadId(), Double.toString(lead.probability()));
    }

    private static Writer writer(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
    }

    /** Consecutive leads already formatted as CSV text. */
    private record Chunk(StringBuilder leads, StringBuilder oracle, int rows, long positives) {

        static Chunk render(MqlWorld world, long start, int size) throws IOException {
            StringBuilder leadText = new StringBuilder(size * 200);
            StringBuilder oracleText = new StringBuilder(size * 40);
            long positives = 0;
            try (CSVPrinter leads = new CSVPrinter(leadText, CHUNK_FORMAT);
                 CSVPrinter oracle = new CSVPrinter(oracleText, ORACLE_CHUNK_FORMAT)) {
                for (int i = 0; i < size; i++) {
                    SimulatedLead lead = world.lead(start + i);
                    print(leads, oracle, lead);
                    positives += lead.converted() ? 1 : 0;
                }
            }
            return new Chunk(leadText, oracleText, size, positives);
        }
    }
}
