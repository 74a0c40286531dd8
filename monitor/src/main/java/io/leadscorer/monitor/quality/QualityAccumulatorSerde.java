package io.leadscorer.monitor.quality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link QualityAccumulator} in the quality store and its changelog. Histograms are written
 * sparse (the non-zero bins only), so a scope with few leads stays small.
 */
public final class QualityAccumulatorSerde implements Serde<QualityAccumulator>, Serializer<QualityAccumulator>,
        Deserializer<QualityAccumulator> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, QualityAccumulator a) {
        if (a == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(a.firstTime);
            out.writeLong(a.lastTime);
            out.writeLong(a.scored);
            out.writeLong(a.labelled);
            out.writeLong(a.positives);
            out.writeDouble(a.sumProbability);
            out.writeDouble(a.sumLogLoss);
            out.writeDouble(a.sumBrier);
            out.writeDouble(a.threshold);
            out.writeLong(a.truePositives);
            out.writeLong(a.falsePositives);
            out.writeLong(a.falseNegatives);
            for (int bin = 0; bin < QualityAccumulator.CALIBRATION_BINS; bin++) {
                out.writeLong(a.calibrationCount[bin]);
                out.writeLong(a.calibrationPositives[bin]);
                out.writeDouble(a.calibrationProbability[bin]);
            }
            writeSparse(out, a.positiveBins);
            writeSparse(out, a.negativeBins);
            writeSparse(out, a.scoreBins);
            out.writeLong(a.driftLeads);
            out.writeShort(a.driftColumns);
            out.writeShort(a.driftBins.length);
            for (long[] column : a.driftBins) {
                writeSparse(out, column == null ? new long[0] : column);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public QualityAccumulator deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        QualityAccumulator a = new QualityAccumulator();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("quality figures in format " + format + "; this build reads " + FORMAT);
            }
            a.firstTime = in.readLong();
            a.lastTime = in.readLong();
            a.scored = in.readLong();
            a.labelled = in.readLong();
            a.positives = in.readLong();
            a.sumProbability = in.readDouble();
            a.sumLogLoss = in.readDouble();
            a.sumBrier = in.readDouble();
            a.threshold = in.readDouble();
            a.truePositives = in.readLong();
            a.falsePositives = in.readLong();
            a.falseNegatives = in.readLong();
            for (int bin = 0; bin < QualityAccumulator.CALIBRATION_BINS; bin++) {
                a.calibrationCount[bin] = in.readLong();
                a.calibrationPositives[bin] = in.readLong();
                a.calibrationProbability[bin] = in.readDouble();
            }
            a.positiveBins = readSparse(in);
            a.negativeBins = readSparse(in);
            a.scoreBins = readSparse(in);
            a.driftLeads = in.readLong();
            a.driftColumns = in.readShort();
            a.driftBins = new long[in.readShort()][];
            for (int column = 0; column < a.driftBins.length; column++) {
                a.driftBins[column] = readSparse(in);
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new SerializationException("unreadable quality figures: " + e, e);
        }
        return a;
    }

    private static void writeSparse(DataOutputStream out, long[] bins) throws IOException {
        int nonZero = 0;
        for (long count : bins) {
            nonZero += count != 0 ? 1 : 0;
        }
        out.writeShort(bins.length);
        out.writeShort(nonZero);
        for (int bin = 0; bin < bins.length; bin++) {
            if (bins[bin] != 0) {
                out.writeShort(bin);
                out.writeLong(bins[bin]);
            }
        }
    }


    private static long[] readSparse(DataInputStream in) throws IOException {
        long[] bins = new long[in.readShort()];
        int nonZero = in.readShort();
        for (int i = 0; i < nonZero; i++) {
            bins[in.readShort()] = in.readLong();
        }
        return bins;
    }

    @Override
    public Serializer<QualityAccumulator> serializer() {
        return this;
    }

    @Override
    public Deserializer<QualityAccumulator> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
