package io.leadscorer.monitor.drift;

import io.leadscorer.avro.MqlEvent;
import java.util.List;

/**
 * A model's training-time reference as the monitor uses it: how its bundle bins each lead column, the share of
 * training leads in each bin, and the deciles of its validation scores. Read from the bundle, never from a copy.
 */
public interface ModelReference {

    /** The reference columns, in the order of {@link #bins}. */
    List<String> columns();

    /** The reference bin of each column's value in this lead. */
    int[] bins(MqlEvent event);

    /** The training share of each bin of a column. */
    double[] expectedShares(int column);

    /** The bin that holds a column's missing values. */
    int missingBin(int column);

    /** The reference bin of each of the monitor's fine probability bins, or an empty array without validation scores. */
    int[] scoreBinOf();

    /** The validation share of each reference score bin (empty without validation scores). */
    double[] scoreShares();
}
