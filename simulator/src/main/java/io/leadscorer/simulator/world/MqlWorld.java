package io.leadscorer.simulator.world;

/**
 * A simulated MQL world and one sample of leads drawn from it. The world's structure (companies, owners,
 * effects on conversion) comes from {@link WorldConfig#worldSeed()}; the sample from {@code seed}. The
 * intercept of the conversion model is calibrated on a fixed calibration sample so that the share of
 * converting leads is close to {@link WorldConfig#positiveRate()}.
 *
 * <p>Lead {@code i} of a sample depends only on the config, the seed and {@code i}: the same seed gives the
 * same leads, in any order of access. Instances are not thread-safe ({@link #next()} advances a counter);
 * {@link #lead(long)} may be called from any thread.
 *
 * <pre>{@code
 * MqlWorld world = MqlWorld.create(1, WorldConfig.defaults());
 * SimulatedLead lead = world.next();
 * MqlEvent event = lead.event();
 * }</pre>
 */
public final class MqlWorld {

    private static final int CALIBRATION_LEADS = 100_000;

    private final long seed;
    private final WorldConfig config;
    private final LeadFactory factory;
    private final double intercept;
    private long nextIndex;

    private MqlWorld(long seed, WorldConfig config, LeadFactory factory, double intercept) {
        this.seed = seed;
        this.config = config;
        this.factory = factory;
        this.intercept = intercept;
    }

    public static MqlWorld create(long seed, WorldConfig config) {
        LeadFactory factory = new LeadFactory(new Population(config), new ConversionModel(config), config.start());
        return new MqlWorld(seed, config, factory, calibrate(factory, config));
    }

    public static MqlWorld create(long seed) {
        return create(seed, WorldConfig.defaults());
    }

    /** The next lead of the sample. */
    public SimulatedLead next() {
        return lead(nextIndex++);
    }

    /** Lead {@code index} of the sample, whatever was drawn before. */
    public SimulatedLead lead(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("lead index must not be negative: " + index);
        }
        return factory.build(seed, index, intercept);
    }

    public long seed() {
        return seed;
    }

    public WorldConfig config() {
        return config;
    }

    /** Intercept of the conversion log-odds found by calibration. */
    public double intercept() {
        return intercept;
    }

    /** Bisection for the intercept whose mean conversion probability over the calibration sample is the target rate. */
    private static double calibrate(LeadFactory factory, WorldConfig config) {
        long calibrationSeed = Draws.mix(config.worldSeed() ^ 0xCA11B8A7EL);
        double[] signals = new double[CALIBRATION_LEADS];
        for (int i = 0; i < signals.length; i++) {
            signals[i] = factory.build(calibrationSeed, i, 0).logit();
        }
        double low = -50;
        double high = 50;
        for (int iteration = 0; iteration < 60; iteration++) {
            double mid = (low + high) / 2;
            double sum = 0;
            for (double signal : signals) {
                sum += Draws.sigmoid(mid + signal);
            }
            if (sum / signals.length < config.positiveRate()) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
